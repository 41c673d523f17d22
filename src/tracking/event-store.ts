import type { QueryExecutor } from '../graph/query-executor.js';
import type { EventRow } from './event-rows.js';

/** What the graph says about one written row. */
export interface StoredRow {
  siteId: string;
  id: string;
  /** This write created the idempotency record (and folded the event in). */
  isNew: boolean;
  /** Payload hash of the record now in the graph (the row's own when new). */
  storedHash: string;
  /** The user the event landed on after alias resolution (interactions and logins only). */
  resolvedUser: string | null;
}

export interface EventStore {
  /** Writes rows holding at most one row per (siteId, id); resolves after commit. */
  write(rows: EventRow[]): Promise<StoredRow[]>;
}

const STORE_EVENTS = 'tracking/store-events';
const MERGE_USERS = 'tracking/merge-users';

/**
 * Two transactions per flush: interactions first, then logins. A login then always sees the
 * anonymous events of the same flush already on the anonymous user, and moves them; later events
 * resolve the alias. Every row is idempotent, so a flush that fails half-way is safe to resend.
 */
export function createEventStore(deps: {
  executor: QueryExecutor;
  now?: () => number;
}): EventStore {
  const { executor } = deps;
  const now = deps.now ?? Date.now;
  return {
    async write(rows) {
      const logins = rows.filter((row) => row.type === 'login');
      // Each row locks its user, then its item. In user order, the flushes of two partitions (which
      // never share an item) lock the users they share in the same order, so they queue instead of
      // deadlocking; the order of items then follows the users.
      const others = sortByUserThenItem(rows.filter((row) => row.type !== 'login')).map(
        toStatementRow,
      );
      const stored: StoredRow[] = [];
      if (others.length > 0) {
        stored.push(
          ...(await executor.run<StoredRow>(
            STORE_EVENTS,
            { batch: { events: others }, now: now() },
            { metadata: { events: others.length } },
          )),
        );
      }
      if (logins.length > 0) {
        stored.push(
          ...(await executor.run<StoredRow>(
            MERGE_USERS,
            { batch: { logins }, now: now() },
            { metadata: { events: logins.length } },
          )),
        );
      }
      return stored;
    },
  };
}

/** Fails start-up at once if a statement file is missing. */
export function checkEventStatements(registry: { get(name: string): unknown }): void {
  registry.get(STORE_EVENTS);
  registry.get(MERGE_USERS);
}

/** Each row's key is built once, not in every comparison. */
function sortByUserThenItem(rows: EventRow[]): EventRow[] {
  return rows
    .map((row) => ({ row, key: `${row.user}\u0000${row.itemType ?? ''}\u0000${row.item ?? ''}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

/**
 * The members of an event row `tracking/store-events` reads, in the order of its list rows:
 * `row[0]` is the site, `row[1]` the event id, and so on (the statement names them back at its
 * top; event-store.test.ts checks the two agree). The common members come first, so most rows
 * end early: a list index past the end reads as null in Cypher.
 */
export const STORE_EVENTS_COLUMNS = [
  'siteId',
  'id',
  'type',
  'user',
  'itemType',
  'item',
  'at',
  'payloadHash',
  'interaction',
  'marksSimilarity',
  'categoryPath',
  'rating',
  'percent',
  'quantity',
  'revenue',
  'currency',
  'unbasket',
  'recommendationId',
  'impressions',
  'clicks',
] as const satisfies readonly Exclude<keyof EventRow, 'knownUser'>[];

/**
 * A row as a list of its members' values, not a map: a map sends every member's name with every
 * row, a third of its bytes, and packing those names was a third of the driver's work
 * (bench:ingest, 500-event batches). A false flag and no impressions or clicks are sent as null
 * (the statement reads them so), and nulls are left off the end.
 */
export function toStatementRow(row: EventRow): unknown[] {
  const values: unknown[] = STORE_EVENTS_COLUMNS.map((column) => {
    const value = row[column];
    if (value === false) return null;
    if ((column === 'impressions' || column === 'clicks') && value === 0) return null;
    return value;
  });
  let length = values.length;
  while (length > 0 && values[length - 1] === null) length -= 1;
  values.length = length;
  return values;
}
