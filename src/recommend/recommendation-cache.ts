import type { Change } from '../changes/change-bus.js';

export interface CacheSettings {
  maxEntries: number;
  ttlMs: number;
  /** Users whose last event is remembered; forgetting one invalidates its site's older entries. */
  maxTrackedUsers: number;
}

export const CACHE_DEFAULTS: CacheSettings = {
  maxEntries: 50_000,
  ttlMs: 5_000,
  maxTrackedUsers: 100_000,
};

const SWEEP_INTERVAL_MS = 1_000;

interface Entry<T> {
  value: T;
  siteId: string;
  user: string | null;
  sequence: number;
  expires: number;
}

/**
 * Answers kept until something they depend on changes: an entry is valid while no change of its
 * site (item-change, similarity, scenario) and no event of its user happened since the request
 * started. Changes only bump sequence numbers (no scan of the entries); the sequence is taken
 * before the answer is computed, so a change that lands during the computation invalidates it.
 * The change bus carries the same changes to every instance (Redis when configured); the TTL
 * bounds what the bus does not carry (the clock passing a validTo, another instance's scenario edit).
 */
export function createRecommendationCache<T>(
  settings: CacheSettings = CACHE_DEFAULTS,
  now: () => number = Date.now,
) {
  const entries = new Map<string, Entry<T>>();
  /** The keys of each user's entries (`update` patches them without a scan). */
  const byUser = new Map<string, Set<string>>();
  const siteSequence = new Map<string, number>();
  const userSequence = new Map<string, number>();
  let sequence = 0;
  /** Entries begun at or before this are invalid (see `clear`). */
  let clearedAt = 0;

  function bumpSite(siteId: string): void {
    siteSequence.set(siteId, ++sequence);
  }

  const userKey = (siteId: string, user: string) => `${siteId}\u0000${user}`;

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    if (entry.user === null) return;
    const owner = userKey(entry.siteId, entry.user);
    const keys = byUser.get(owner);
    keys?.delete(key);
    if (keys?.size === 0) byUser.delete(owner);
  }

  function bumpUser(siteId: string, user: string): void {
    const key = userKey(siteId, user);
    userSequence.delete(key);
    userSequence.set(key, ++sequence);
    if (userSequence.size > settings.maxTrackedUsers) {
      const [oldest, at] = userSequence.entries().next().value!;
      userSequence.delete(oldest);
      const oldestSite = oldest.slice(0, oldest.indexOf('\u0000'));
      siteSequence.set(oldestSite, Math.max(siteSequence.get(oldestSite) ?? 0, at));
    }
  }

  let nextSweepAt = 0;

  /**
   * Drops the answers past their TTL. Every answer is stored with the same TTL and moved to the end
   * when stored again, so the expired ones are at the front. Without this an expired answer stayed
   * until asked for again or pushed out by maxEntries: under bench:recommend that was 50,000 dead
   * answers, most of the service's heap. At most once per second, so holes left at the front of
   * the Map are not skipped on every store.
   */
  function sweepExpired(at: number): void {
    nextSweepAt = at + SWEEP_INTERVAL_MS;
    for (const [key, entry] of entries) {
      if (entry.expires > at) break;
      remove(key);
    }
  }

  function isValid(entry: Entry<T>): boolean {
    if (entry.expires <= now() || entry.sequence <= clearedAt) return false;
    if ((siteSequence.get(entry.siteId) ?? 0) >= entry.sequence) return false;
    return (
      entry.user === null ||
      (userSequence.get(userKey(entry.siteId, entry.user)) ?? 0) < entry.sequence
    );
  }

  return {
    /** The sequence to pass to `set` for an answer computed from now on. */
    begin(): number {
      return ++sequence;
    },
    get(key: string): T | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (!isValid(entry)) {
        remove(key);
        return undefined;
      }
      return entry.value;
    },
    set(
      key: string,
      value: T,
      scope: { siteId: string; user: string | null; sequence: number },
    ): void {
      const at = now();
      const entry = { value, ...scope, expires: at + settings.ttlMs };
      if (!isValid(entry)) return; // something changed while it was computed
      remove(key);
      entries.set(key, entry);
      if (scope.user !== null) {
        const owner = userKey(scope.siteId, scope.user);
        const keys = byUser.get(owner);
        if (keys) keys.add(key);
        else byUser.set(owner, new Set([key]));
      }
      if (entries.size > settings.maxEntries) remove(entries.keys().next().value!);
      if (at >= nextSweepAt) sweepExpired(at);
    },
    /** Applies a change from the bus. */
    observe(change: Change): void {
      if (change.kind === 'user-event')
        for (const user of change.users) bumpUser(change.siteId, user);
      else bumpSite(change.siteId);
    },
    invalidateSite: bumpSite,
    invalidateUser: bumpUser,
    /**
     * An event of the user that `patch` can apply to their entries (e.g. a view added to a cached
     * history): their entries still valid are patched in place and stay valid (`undefined` drops
     * one); anything being computed for the user meanwhile is invalidated, as by an event.
     */
    update(siteId: string, user: string, patch: (value: T) => T | undefined): void {
      const valid = [...(byUser.get(userKey(siteId, user)) ?? [])]
        .map((key) => [key, entries.get(key)!] as const)
        .filter(([, entry]) => isValid(entry));
      bumpUser(siteId, user);
      for (const [key, entry] of valid) {
        const value = patch(entry.value);
        if (value === undefined) {
          remove(key);
          continue;
        }
        entry.value = value;
        entry.sequence = ++sequence; // after the bump: still valid; its place (and expiry) unchanged
      }
    },
    /** Invalidates every entry, answers being computed included (changes may have been missed). */
    clear(): void {
      entries.clear();
      byUser.clear();
      clearedAt = ++sequence;
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type RecommendationCache<T> = ReturnType<typeof createRecommendationCache<T>>;
