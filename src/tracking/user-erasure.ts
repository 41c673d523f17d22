import type { ChangeBus } from '../changes/change-bus.js';
import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';

const ERASE_USER = 'tracking/erase-user';

/**
 * The erasure scans the site's stored events (Event nodes, kept for the retention window) in one
 * transaction: allowed more time than a request-path statement.
 */
export const ERASURE_TIMEOUT_MS = 120_000;

/** What one erasure did (counts only: the ids erased are personal data and are not echoed). */
export interface ErasureResult {
  /** User nodes removed: the person and the anonymous ids merged into them (0 when unknown). */
  usersErased: number;
  /** Stored events whose personal fields were removed (their ids stay, for deduplication). */
  eventsScrubbed: number;
  /** Items whose similarity lists and popularity are being recomputed without the user. */
  itemsRefreshing: number;
}

/**
 * `DELETE /v1/users/{id}`: erases a user, the anonymous ids merged into them and their influence
 * on aggregates (cypher/tracking/erase-user.cypher), then announces it as a `user-event` of type
 * `erase`, so every instance's caches drop the users' histories and answers, live lists of those
 * users are recomputed and the refresher recomputes the items. Idempotent: a second call finds nothing left and erases nothing.
 */
export function createUserErasure(deps: {
  executor: QueryExecutor;
  registry: CypherRegistry;
  changes: ChangeBus;
  now?: () => number;
}) {
  deps.registry.get(ERASE_USER);
  const now = deps.now ?? Date.now;
  return {
    async eraseUser(siteId: string, user: string): Promise<ErasureResult> {
      const [row] = await deps.executor.run<{
        users: string[];
        usersErased: number;
        items: number;
        events: number;
      }>(ERASE_USER, { siteId, user, now: now() }, { timeoutMs: ERASURE_TIMEOUT_MS });
      const users = row?.users ?? [user];
      deps.changes.publish({ kind: 'user-event', siteId, users, items: [], eventTypes: ['erase'] });
      return {
        usersErased: row?.usersErased ?? 0,
        eventsScrubbed: row?.events ?? 0,
        itemsRefreshing: row?.items ?? 0,
      };
    },
  };
}

export type UserErasure = ReturnType<typeof createUserErasure>;
