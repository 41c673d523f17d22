import type { Change, ItemRef, StoredView } from '../../changes/change-bus.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { itemKey } from '../candidate.js';
import type { HistoryEntry } from '../interaction-weights.js';
import type { CacheSettings, RecommendationCache } from '../recommendation-cache.js';
import { MODEL_DEFAULTS } from './model.js';

/** What the similarity and ranked-list models know of the requesting user (one read per request at most). */
export interface UserProfile {
  /** The most recent interactions (empty unless asked for). */
  history: HistoryEntry[];
  /** The keys (itemKey) of those candidates the user interacted with in a way the scenario excludes. */
  excludes(candidates: readonly ItemRef[]): Promise<ReadonlySet<string>>;
}

const NO_USER: UserProfile = { history: [], excludes: async () => new Set() };

interface ProfileRow {
  history: HistoryEntry[];
  excluded: ItemRef[];
  excludedComplete: boolean;
}

/** A profile as kept: the excluded item keys as a set, or null when there were too many to list. */
export interface CachedProfile {
  history: HistoryEntry[];
  excluded: ReadonlySet<string> | null;
  /** As read: whether the history was asked for, and whether views exclude an item. */
  withHistory: boolean;
  excludesViews: boolean;
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
export function createUserProfiles(
  executor: QueryExecutor,
  cache?: RecommendationCache<CachedProfile>,
) {
  async function load(request: UserProfileRequest & { user: string }): Promise<CachedProfile> {
    const [row] = await executor.run<ProfileRow>('recommend/read-user-profile', {
      siteId: request.siteId,
      user: request.user,
      excludedRelationships: request.excludedRelationships,
      scanLimit: MODEL_DEFAULTS.historyScanPerType,
      historyLimit: request.withHistory ? MODEL_DEFAULTS.historyLimit : 0,
      excludedLimit: MODEL_DEFAULTS.excludedLimit,
    });
    const shape = {
      withHistory: request.withHistory,
      excludesViews: request.excludedRelationships.includes('VIEWED'),
    };
    if (!row) return { history: [], excluded: new Set(), ...shape };
    return {
      history: row.history,
      excluded: row.excludedComplete
        ? new Set(row.excluded.map((item) => itemKey(item.type, item.id)))
        : null,
      ...shape,
    };
  }

  return {
    async read(request: UserProfileRequest): Promise<UserProfile> {
      const { siteId, user, excludedRelationships } = request;
      if (user === null) return NO_USER;
      const key = JSON.stringify([siteId, user, excludedRelationships, request.withHistory]);
      let profile = cache?.get(key);
      if (!profile) {
        const sequence = cache?.begin() ?? 0;
        profile = await load({ ...request, user });
        cache?.set(key, profile, { siteId, user, sequence });
      }
      return toUserProfile(executor, request, user, profile);
    },
    /**
     * Applies a change from the bus: a user's views are added to their cached profiles (the
     * commonest event: a live list answering it then reads nothing of the user), any other event
     * makes their profiles stale.
     */
    observe(change: Change): void {
      if (change.kind !== 'user-event' || !cache) return;
      const viewsOf = new Map((change.viewsOnly ?? []).map((entry) => [entry.user, entry.views]));
      for (const user of change.users) {
        const views = viewsOf.get(user);
        if (views) cache.update(change.siteId, user, (profile) => withViews(profile, views));
        else cache.invalidateUser(change.siteId, user);
      }
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
  profile: CachedProfile,
): UserProfile {
  const { history, excluded } = profile;
  if (excluded) return { history, excludes: async () => excluded };
  return {
    history,
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

/**
 * The profile the graph would now return after these views were stored: each view's VIEWED entry
 * takes the later lastAt (or is added), the history stays the `historyLimit` most recent, and an
 * item viewed is excluded where views exclude (the list given up past `excludedLimit`, as read).
 */
export function withViews(profile: CachedProfile, views: readonly StoredView[]): CachedProfile {
  let { history, excluded } = profile;
  if (profile.withHistory) {
    const entries = new Map(
      history.map((entry) => [
        `${entry.relationship}\u0000${itemKey(entry.type, entry.id)}`,
        entry,
      ]),
    );
    for (const view of views) {
      const key = `VIEWED\u0000${itemKey(view.type, view.id)}`;
      const entry = entries.get(key);
      if (!entry)
        entries.set(key, {
          type: view.type,
          id: view.id,
          relationship: 'VIEWED',
          lastAt: view.at,
          rating: null,
          percent: null,
          quantity: null,
        });
      else if (entry.lastAt === null || view.at > entry.lastAt)
        entries.set(key, { ...entry, lastAt: view.at });
    }
    history = [...entries.values()]
      .sort((a, b) => (b.lastAt ?? 0) - (a.lastAt ?? 0))
      .slice(0, MODEL_DEFAULTS.historyLimit);
  }
  if (profile.excludesViews && excluded) {
    const more = new Set(excluded);
    for (const view of views) more.add(itemKey(view.type, view.id));
    excluded = more.size > MODEL_DEFAULTS.excludedLimit ? null : more;
  }
  return { ...profile, history, excluded };
}
