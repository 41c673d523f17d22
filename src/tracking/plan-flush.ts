import type { EventRow } from './event-rows.js';
import type { StoredRow } from './event-store.js';

export type RowStatus = 'stored' | 'duplicate' | 'reused';

export interface RowOutcome {
  status: RowStatus;
  /** The user the event landed on (alias resolved), when it was stored as an interaction or login. */
  resolvedUser: string | null;
}

export interface FlushPlan {
  /** The first row of each (siteId, id): the only one written. */
  leaders: EventRow[];
  /** For every input row, the position of its leader in `leaders`. */
  leaderOf: number[];
}

export function keyOf(row: { siteId: string; id: string }): string {
  return `${row.siteId}\u0000${row.id}`;
}

/**
 * Keeps one row per event id, so a statement never sees the same id twice (its second MERGE would
 * find the node the first created and count the event twice). Later rows copy their leader's fate.
 */
export function planFlush(rows: readonly EventRow[]): FlushPlan {
  const leaders: EventRow[] = [];
  const positions = new Map<string, number>();
  const leaderOf = rows.map((row) => {
    const key = keyOf(row);
    let position = positions.get(key);
    if (position === undefined) {
      position = leaders.push(row) - 1;
      positions.set(key, position);
    }
    return position;
  });
  return { leaders, leaderOf };
}

/**
 * The fate of every row: the leader is `stored` when its write created the record; any other row
 * is a `duplicate` when its payload matches the record in the graph, else `reused`.
 */
export function resolveOutcomes(
  rows: readonly EventRow[],
  plan: FlushPlan,
  stored: readonly StoredRow[],
): RowOutcome[] {
  const byKey = new Map(stored.map((row) => [keyOf(row), row]));
  const claimed = new Set<number>();
  return rows.map((row, index) => {
    const position = plan.leaderOf[index]!;
    const record = byKey.get(keyOf(row));
    if (!record) throw new Error(`the graph returned no row for event ${row.id}`);
    const isLeader = !claimed.has(position);
    claimed.add(position);
    if (isLeader && record.isNew) return { status: 'stored', resolvedUser: record.resolvedUser };
    return {
      status: record.storedHash === row.payloadHash ? 'duplicate' : 'reused',
      resolvedUser: null,
    };
  });
}
