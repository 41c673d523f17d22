/**
 * Pages of the site-wide ranked lists (popular, trending, new) asked for without a user: every
 * anonymous visitor of a site gets the same page, and popular is also the last model of every
 * chain, so without this each request that a model left short paid one more query for it.
 *
 * A page is fresh for `ttlMs` unless its site changes first (an item, a similarity or popularity
 * refresh); a page read while its site changed is not kept. Requests for a page being loaded share
 * that one load. A page past `ttlMs` but younger than twice that is still answered while one
 * request reloads it in the background: at hundreds of requests per second, every expiry would
 * otherwise stall all of them behind the reload. A site change is never answered from the old page.
 */
export interface RankedPageCacheSettings {
  ttlMs: number;
  maxEntries: number;
}

export const RANKED_PAGE_CACHE_DEFAULTS: RankedPageCacheSettings = {
  ttlMs: 5_000,
  maxEntries: 2_000,
};

export function createRankedPageCache<T>(
  settings: RankedPageCacheSettings = RANKED_PAGE_CACHE_DEFAULTS,
  now: () => number = Date.now,
) {
  const entries = new Map<string, { value: T; generation: string; expires: number }>();
  const flights = new Map<string, { promise: Promise<T>; generation: string }>();
  const generations = new Map<string, number>();
  /** Bumped by `clear`, so a page loading meanwhile is not kept either. */
  let epoch = 0;
  const generationOf = (siteId: string) => `${epoch}:${generations.get(siteId) ?? 0}`;

  /** The load of this page under this generation, started now unless one runs already. */
  function loadOnce(
    siteId: string,
    cacheKey: string,
    generation: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const flight = flights.get(cacheKey);
    if (flight && flight.generation === generation) return flight.promise;
    const started = { generation, promise: undefined as unknown as Promise<T> };
    started.promise = (async () => {
      try {
        const value = await load();
        if (generation === generationOf(siteId)) {
          entries.delete(cacheKey);
          entries.set(cacheKey, { value, generation, expires: now() + settings.ttlMs });
          if (entries.size > settings.maxEntries) entries.delete(entries.keys().next().value!);
        }
        return value;
      } finally {
        if (flights.get(cacheKey) === started) flights.delete(cacheKey);
      }
    })();
    flights.set(cacheKey, started);
    return started.promise;
  }

  return {
    /** The page, or a loader result kept for the next request of the same page. */
    async read(siteId: string, key: string, load: () => Promise<T>): Promise<T> {
      const cacheKey = `${siteId}\u0000${key}`;
      const generation = generationOf(siteId);
      const entry = entries.get(cacheKey);
      if (entry && entry.generation === generation) {
        const at = now();
        if (entry.expires > at) return entry.value;
        if (entry.expires + settings.ttlMs > at) {
          // a failed background reload leaves the page as it was; a later request tries again
          loadOnce(siteId, cacheKey, generation, load).catch(() => undefined);
          return entry.value;
        }
      }
      return loadOnce(siteId, cacheKey, generation, load);
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
