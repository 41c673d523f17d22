import type { ChangeBus, ItemRef, StoredView } from '../changes/change-bus.js';
import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import type { Logger } from '../logging/logger.js';
import type { AuthenticatedSite } from '../sites/site-service.js';
import { CHANGES_USER_HISTORY, toEventRow, type EventRow } from './event-rows.js';
import { checkEventStatements, createEventStore } from './event-store.js';
import type { RowOutcome } from './plan-flush.js';
import { validateEvents, type EventRejection } from './validate-events.js';
import { createPartitionedWriter } from './partitioned-writer.js';
import { createUserLocks, createWriteBatcher } from './write-batcher.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; code: string; field?: string; detail: string }[];
}

export interface IngestOptions {
  source?: 'http' | 'live' | 'pixel';
  /** Prefix of rejected fields (`events` gives `events/3/rating`). */
  fieldPrefix?: string;
}

export interface EventIngestor {
  /** Validates, stores and acknowledges events; throws AppError NEO4J_UNAVAILABLE when they could not be committed. */
  ingest(
    site: AuthenticatedSite,
    events: unknown[],
    options?: IngestOptions,
  ): Promise<IngestResult>;
  close(): Promise<void>;
  /** True while events are queued or being written, or were in the last quarter second (the similarity refresher then makes way). */
  busy(): boolean;
  /** The share of the last second the busiest writing lane had a transaction in flight (0-1). */
  load(): number;
}

export interface EventIngestorDeps {
  executor: QueryExecutor;
  registry: CypherRegistry;
  changes: ChangeBus;
  logger: Logger;
  now?: () => number;
  maxRowsPerFlush?: number;
  partitions?: number;
  /** When the second partition's transactions are used (partitioned-writer.ts). */
  spreadRequestsOf?: number;
  spreadWhenQueued?: number;
}

export const INGEST_DEFAULTS = {
  maxRowsPerFlush: 1_000,
  /**
   * Transactions in flight at once, one per partition of the items (partitioned-writer.ts): two
   * use both cores of a small machine without the two waiting on each other's popular items.
   */
  partitions: 2,
  /**
   * bench:ingest at 1,000 single events/s on 2 cores: machine 86 % busy and p99 98 ms with every
   * row spread (0), 68 % and p99 39 ms from 16 rows waiting (no background work in either run).
   * Batches of 16 rows or more are still spread at once.
   */
  spreadRequestsOf: 16,
  /**
   * On a busier day the same load kept 16 rows waiting most of the time, so single events were
   * spread after all: p99 242–580 ms at 85–96 % busy. From 128 rows waiting: 94–141 ms at 78–79 %
   * (the refresher running in all these runs). One flush at a time kept up with 1,000/s, its
   * transaction in flight ~80 % of the time.
   */
  spreadWhenQueued: 128,
} as const;

/** Tracking's entry point for HTTP, the pixel and live `track` messages alike. */
export function createEventIngestor(deps: EventIngestorDeps): EventIngestor {
  checkEventStatements(deps.registry);
  const now = deps.now ?? Date.now;
  const store = createEventStore({ executor: deps.executor, now });
  const partitions = deps.partitions ?? INGEST_DEFAULTS.partitions;
  // The partitions' flushes keep out of each other's users as they do of each other's items.
  const userLocks = partitions > 1 ? createUserLocks() : undefined;
  const batcher = createPartitionedWriter(
    Array.from({ length: partitions }, () =>
      createWriteBatcher({
        store,
        logger: deps.logger,
        maxRowsPerFlush: deps.maxRowsPerFlush ?? INGEST_DEFAULTS.maxRowsPerFlush,
        userLocks,
      }),
    ),
    {
      spreadRequestsOf: deps.spreadRequestsOf ?? INGEST_DEFAULTS.spreadRequestsOf,
      spreadWhenQueued: deps.spreadWhenQueued ?? INGEST_DEFAULTS.spreadWhenQueued,
    },
  );

  return {
    busy: () => batcher.busy(250),
    load: () => batcher.load(1_000),
    async ingest(site, events, options = {}) {
      const { prepared, rejected } = validateEvents(events, {
        keyKind: site.keyKind,
        now: now(),
        fieldPrefix: options.fieldPrefix ?? 'events',
      });
      const rows = prepared.map((event) => toEventRow(site.id, event));
      const outcomes = await batcher.submit(rows);
      const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
      outcomes.forEach((outcome, position) => {
        if (outcome.status === 'stored') result.accepted += 1;
        else if (outcome.status === 'duplicate') result.duplicates += 1;
        else
          rejected.push(
            reusedRejection(prepared[position]!.index, options.fieldPrefix ?? 'events'),
          );
      });
      result.rejected = rejected.sort((a, b) => a.index - b.index);
      publishUserEvents(deps.changes, site.id, rows, outcomes);
      return result;
    },
    close: () => batcher.close(),
  };
}

function reusedRejection(index: number, prefix: string): EventRejection {
  const field = `${prefix}/${index}/id`;
  return {
    index,
    code: 'EVENT_ID_REUSED',
    field,
    detail: `${field}: this event id was already stored with a different payload.`,
  };
}

/**
 * After commit: the users whose history changed (ids as sent and as resolved), their items, the
 * event types, and for the users who only viewed, the views (caches of their history apply those
 * instead of reading it again).
 */
function publishUserEvents(
  changes: ChangeBus,
  siteId: string,
  rows: EventRow[],
  outcomes: RowOutcome[],
): void {
  const users = new Set<string>();
  const items = new Map<string, ItemRef>();
  const eventTypes = new Set<string>();
  const views = new Map<string, StoredView[]>();
  const notOnlyViews = new Set<string>();
  outcomes.forEach((outcome, position) => {
    const row = rows[position]!;
    if (outcome.status !== 'stored' || !CHANGES_USER_HISTORY.has(row.type)) return;
    const rowUsers = new Set(
      [row.user, row.knownUser, outcome.resolvedUser].filter(
        (user): user is string => user !== null,
      ),
    );
    for (const user of rowUsers) users.add(user);
    if (row.item !== null && row.itemType !== null)
      items.set(`${row.itemType}\u0000${row.item}`, { type: row.itemType, id: row.item });
    eventTypes.add(row.type);
    const view =
      row.interaction === 'VIEWED' &&
      row.knownUser === null &&
      row.item !== null &&
      row.itemType !== null
        ? { type: row.itemType, id: row.item, at: row.at }
        : null;
    for (const user of rowUsers) {
      if (!view) notOnlyViews.add(user);
      else if (views.has(user)) views.get(user)!.push(view);
      else views.set(user, [view]);
    }
  });
  if (users.size === 0) return;
  const viewsOnly = [...views]
    .filter(([user]) => !notOnlyViews.has(user))
    .map(([user, stored]) => ({ user, views: stored }));
  changes.publish({
    kind: 'user-event',
    siteId,
    users: [...users],
    items: [...items.values()],
    eventTypes: [...eventTypes],
    ...(viewsOnly.length > 0 ? { viewsOnly } : {}),
  });
}
