import type { Change, ItemRef } from '../../changes/change-bus.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { itemKey } from '../candidate.js';
import type { HistoryEntry } from '../interaction-weights.js';
import type { CacheSettings, RecommendationCache } from '../recommendation-cache.js';
import { MODEL_DEFAULTS } from './model.js';

/** What the similarity models know of the requesting user (read once per request). */
export interface UserProfile {
  /** The most recent interactions (empty unless asked for). */
  history: HistoryEntry[];
  /** Whether the candidate is one the user interacted with in a way the scenario excludes. */
  excludes(candidates: readonly ItemRef[]): Promise<Set<string>>;
}

const NO_USER: UserProfile = { history: [], excludes: async () => new Set() };

interface ProfileRow {
  history: HistoryEntry[];
  excluded: ItemRef[];
  excludedComplete: boolean;
}

export interface UserProfileRequest {
  siteId: string;
  user: string | null;
  excludedRelationships: string[];
  withHistory: boolean;
}

/**
 * Profiles are kept until an event of their user arrives on the change bus (or `ttlMs`). A profile
 * holds up to 250 history entries (~150 bytes each): 10,000 of them stay well under 400 MB even
 * if every cached user had a full history (typically a few MB).
 */
export const PROFILE_CACHE_DEFAULTS: CacheSettings = {
  maxEntries: 10_000,
  ttlMs: 60_000,
  maxTrackedUsers: 100_000,
};

/**
 * Reads the user's history and excluded items in one query. The excluded items come as a list
 * while there are at most `excludedLimit` of them; past that (a user who bought the whole shop)
 * the candidates a model proposes are checked in the graph instead. With a cache, a profile is
 * read again only after an event of its user (`observe`), so a visitor's next page view and a
 * live list refreshed for someone else's event cost no query for it.
 */
export function createUserProfiles(executor: QueryExecutor, cache?: RecommendationCache<ProfileRow>) {
  async function load(request: UserProfileRequest & { user: string }): Promise<ProfileRow | undefined> {
    const [row] = await executor.run<ProfileRow>('recommend/read-user-profile', {
      siteId: request.siteId,
      user: request.user,
      excludedRelationships: request.excludedRelationships,
      scanLimit: MODEL_DEFAULTS.historyScanPerType,
      historyLimit: request.withHistory ? MODEL_DEFAULTS.historyLimit : 0,
      excludedLimit: MODEL_DEFAULTS.excludedLimit,
    });
    return row;
  }

  return {
    async read(request: UserProfileRequest): Promise<UserProfile> {
      const { siteId, user, excludedRelationships } = request;
      if (user === null) return NO_USER;
      const key = JSON.stringify([siteId, user, excludedRelationships, request.withHistory]);
      let row = cache?.get(key);
      if (!row) {
        const sequence = cache?.begin() ?? 0;
        row = (await load({ ...request, user })) ?? { history: [], excluded: [], excludedComplete: true };
        cache?.set(key, row, { siteId, user, sequence });
      }
      return toUserProfile(executor, request, user, row);
    },
    /** Applies a change from the bus: a user's event makes their profile stale. */
    observe(change: Change): void {
      if (change.kind === 'user-event') cache?.observe(change);
    },
    clear(): void {
      cache?.clear();
    },
  };
}

export type UserProfiles = ReturnType<typeof createUserProfiles>;

function toUserProfile(
  executor: QueryExecutor,
  request: UserProfileRequest,
  user: string,
  row: ProfileRow,
): UserProfile {
  if (row.excludedComplete) {
    const excluded = new Set(row.excluded.map((item) => itemKey(item.type, item.id)));
    return { history: row.history, excludes: async () => excluded };
  }
  return {
    history: row.history,
    async excludes(candidates) {
      const rows = await executor.run<ItemRef>('recommend/read-excluded-among', {
        siteId: request.siteId,
        user,
        excludedRelationships: request.excludedRelationships,
        items: candidates.map(({ type, id }) => ({ type, id })),
      });
      return new Set(rows.map((item) => itemKey(item.type, item.id)));
    },
  };
}
