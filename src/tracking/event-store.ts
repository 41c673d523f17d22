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
      const others = sortByUserThenItem(rows.filter((row) => row.type !== 'login')).map(compactRow);
      const stored: StoredRow[] = [];
      if (others.length > 0) {
        stored.push(
          ...(await executor.run<StoredRow>(
            STORE_EVENTS,
            { events: others, now: now() },
            { metadata: { events: others.length } },
          )),
        );
      }
      if (logins.length > 0) {
        stored.push(
          ...(await executor.run<StoredRow>(
            MERGE_USERS,
            { logins, now: now() },
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

/** Absent members read as null in Cypher: leaving out nulls and falses makes rows smaller to send and read. */
function compactRow(row: EventRow): Partial<EventRow> {
  const compact: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row))
    if (value !== null && value !== false) compact[name] = value;
  return compact;
}
