/**
 * A read-through cache of graph reads keyed by string, loaded in batches: the request path asks
 * for many keys at once (the SIMILAR lists of a user's history, the details of 30 candidates) and
 * pays one query for all the misses. Concurrent requests for a key share one load. An entry lives
 * until `invalidate(key)` (the change bus says what changed) or `ttlMs` (what the bus may miss);
 * a load that an invalidation overtook still answers the requests that joined it before, but is
 * neither kept nor joined by later ones. Entries are
 * weighed (e.g. a list by its length) and the least recently used leave past `maxWeight`.
 */
export interface KeyedCacheSettings {
  ttlMs: number;
  maxWeight: number;
}

interface Entry<V> {
  value: V;
  weight: number;
  expires: number;
}

interface Flight<V> {
  promise: Promise<V | undefined>;
  stale: boolean;
}

export function createKeyedCache<V>(
  settings: KeyedCacheSettings,
  weigh: (value: V) => number,
  now: () => number = Date.now,
  /** A value's own TTL when some values must be re-read sooner than others (never above ttlMs). */
  ttlOf: (value: V) => number = () => settings.ttlMs,
) {
  const entries = new Map<string, Entry<V>>();
  const flights = new Map<string, Flight<V>>();
  let totalWeight = 0;
  let hits = 0;
  let misses = 0;

  function drop(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    totalWeight -= entry.weight;
  }

  function keep(key: string, value: V): void {
    if (settings.ttlMs <= 0) return;
    drop(key);
    const weight = weigh(value);
    entries.set(key, { value, weight, expires: now() + Math.min(settings.ttlMs, ttlOf(value)) });
    totalWeight += weight;
    while (totalWeight > settings.maxWeight && entries.size > 0) drop(entries.keys().next().value!);
  }

  /** Starts one load for the missing keys and registers it as each key's flight. */
  function startLoad(
    keys: string[],
    load: (keys: string[]) => Promise<Map<string, V>>,
  ): { batch: Promise<Map<string, V>>; flights: Map<string, Flight<V>> } {
    const batch = load(keys);
    const started = new Map<string, Flight<V>>();
    for (const key of keys) {
      const flight: Flight<V> = { promise: batch.then((values) => values.get(key)), stale: false };
      flight.promise.catch(() => undefined); // the request that started the load reports the error
      flights.set(key, flight);
      started.set(key, flight);
    }
    return { batch, flights: started };
  }

  return {
    /** The values of the keys that exist; keys the loader does not return are left out. */
    async getMany(
      keys: Iterable<string>,
      load: (keys: string[]) => Promise<Map<string, V>>,
    ): Promise<Map<string, V>> {
      const result = new Map<string, V>();
      const waits: Promise<void>[] = [];
      const missing: string[] = [];
      const at = now();
      for (const key of new Set(keys)) {
        const entry = entries.get(key);
        if (entry && entry.expires > at) {
          entries.delete(key); // most recently used last
          entries.set(key, entry);
          result.set(key, entry.value);
          hits += 1;
          continue;
        }
        drop(key);
        misses += 1;
        const flight = flights.get(key);
        if (flight)
          waits.push(
            flight.promise.then((value) => {
              if (value !== undefined) result.set(key, value);
            }),
          );
        else missing.push(key);
      }
      if (missing.length > 0) {
        const started = startLoad(missing, load);
        try {
          const values = await started.batch;
          for (const [key, flight] of started.flights) {
            if (flights.get(key) === flight) flights.delete(key);
            const value = values.get(key);
            if (value === undefined) continue;
            result.set(key, value);
            if (!flight.stale) keep(key, value);
          }
        } catch (error) {
          for (const [key, flight] of started.flights)
            if (flights.get(key) === flight) flights.delete(key);
          throw error;
        }
      }
      await Promise.all(waits);
      return result;
    },
    /** Forgets a key, and keeps a load already under way for it from being stored. */
    invalidate(key: string): void {
      drop(key);
      const flight = flights.get(key);
      if (flight) {
        flight.stale = true;
        // later requests load again instead of sharing a load that may predate the change
        flights.delete(key);
      }
    },
    /** Forgets everything, loads under way included (changes may have been missed). */
    clear(): void {
      entries.clear();
      totalWeight = 0;
      for (const flight of flights.values()) flight.stale = true;
      flights.clear();
    },
    stats(): { entries: number; weight: number; hits: number; misses: number } {
      return { entries: entries.size, weight: totalWeight, hits, misses };
    },
  };
}

export type KeyedCache<V> = ReturnType<typeof createKeyedCache<V>>;
