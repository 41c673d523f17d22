import type { ItemRef } from '../../changes/change-bus.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { itemKey } from '../candidate.js';
import type { HistoryEntry } from '../interaction-weights.js';
import { MODEL_DEFAULTS } from './model.js';

/** What the similarity models know of the requesting user (read once per request). */
export interface UserProfile {
  /** The most recent interactions (empty unless asked for). */
  history: HistoryEntry[];
  /** Whether the candidate is one the user interacted with in a way the scenario excludes. */
  excludes(candidates: readonly ItemRef[]): Promise<Set<string>>;
}

const NO_USER: UserProfile = { history: [], excludes: async () => new Set() };

/**
 * Reads the user's history and excluded items in one query. The excluded items come as a list
 * while there are at most `excludedLimit` of them; past that (a user who bought the whole shop)
 * the candidates a model proposes are checked in the graph instead.
 */
export async function readUserProfile(
  executor: QueryExecutor,
  request: {
    siteId: string;
    user: string | null;
    excludedRelationships: string[];
    withHistory: boolean;
  },
): Promise<UserProfile> {
  const { siteId, user, excludedRelationships } = request;
  if (user === null) return NO_USER;
  const [row] = await executor.run<{
    history: HistoryEntry[];
    excluded: ItemRef[];
    excludedComplete: boolean;
  }>('recommend/read-user-profile', {
    siteId,
    user,
    excludedRelationships,
    scanLimit: MODEL_DEFAULTS.historyScanPerType,
    historyLimit: request.withHistory ? MODEL_DEFAULTS.historyLimit : 0,
    excludedLimit: MODEL_DEFAULTS.excludedLimit,
  });
  const history = row?.history ?? [];
  if (!row || row.excludedComplete) {
    const excluded = new Set((row?.excluded ?? []).map((item) => itemKey(item.type, item.id)));
    return { history, excludes: async () => excluded };
  }
  return {
    history,
    async excludes(candidates) {
      const rows = await executor.run<ItemRef>('recommend/read-excluded-among', {
        siteId,
        user,
        excludedRelationships,
        items: candidates.map(({ type, id }) => ({ type, id })),
      });
      return new Set(rows.map((item) => itemKey(item.type, item.id)));
    },
  };
}
