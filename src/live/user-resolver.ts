import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';

export type UserResolver = (siteId: string, users: string[]) => Promise<Map<string, string>>;

/** Maps user ids to the id they resolve to after a login merge (themselves when not merged). */
export function createUserResolver(deps: {
  executor: QueryExecutor;
  registry: CypherRegistry;
}): UserResolver {
  deps.registry.get('live/read-resolved-users'); // a missing statement stops start-up
  return async (siteId, users) => {
    const rows = await deps.executor.run<{ user: string; resolved: string }>(
      'live/read-resolved-users',
      { siteId, users, limit: users.length },
    );
    return new Map(rows.map((row) => [row.user, row.resolved]));
  };
}
