/**
 * Pages of the site-wide ranked lists (popular, trending, new) asked for without a user: every
 * anonymous visitor of a site gets the same page, and popular is also the last model of every
 * chain, so without this each request that a model left short paid one more query for it.
 * A page is kept for `ttlMs` unless its site changes first (an item, a similarity or popularity
 * refresh); a page read while its site changed is not kept.
 */
export interface RankedPageCacheSettings {
  ttlMs: number;
  maxEntries: number;
}

export const RANKED_PAGE_CACHE_DEFAULTS: RankedPageCacheSettings = { ttlMs: 5_000, maxEntries: 2_000 };

export function createRankedPageCache<T>(
  settings: RankedPageCacheSettings = RANKED_PAGE_CACHE_DEFAULTS,
  now: () => number = Date.now,
) {
  const entries = new Map<string, { value: T; siteId: string; generation: string; expires: number }>();
  const generations = new Map<string, number>();
  /** Bumped by `clear`, so a page loading meanwhile is not kept either. */
  let epoch = 0;
  const generationOf = (siteId: string) => `${epoch}:${generations.get(siteId) ?? 0}`;

  return {
    /** The page, or a loader result kept for the next request of the same page. */
    async read(siteId: string, key: string, load: () => Promise<T>): Promise<T> {
      const cacheKey = `${siteId}\u0000${key}`;
      const entry = entries.get(cacheKey);
      if (entry && entry.expires > now() && entry.generation === generationOf(siteId)) return entry.value;
      const generation = generationOf(siteId);
      const value = await load();
      if (generation === generationOf(siteId)) {
        entries.delete(cacheKey);
        entries.set(cacheKey, { value, siteId, generation, expires: now() + settings.ttlMs });
        if (entries.size > settings.maxEntries) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
    invalidateSite(siteId: string): void {
      generations.set(siteId, (generations.get(siteId) ?? 0) + 1);
    },
    /** Forgets every page of every site (changes may have been missed). */
    clear(): void {
      entries.clear();
      epoch += 1;
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type RankedPageCache<T> = ReturnType<typeof createRankedPageCache<T>>;
