/** Hits and misses of the service's request-path caches, read from its /metrics. */
export type CacheCounts = Record<string, { hits: number; misses: number }>;

const LINE = /^recograph_recommend_cache\{cache="(\w+)",measure="(hits|misses)"\} (\d+(?:\.\d+)?)$/;

export function parseCacheCounts(metricsText: string): CacheCounts {
  const counts: CacheCounts = {};
  for (const line of metricsText.split('\n')) {
    const match = LINE.exec(line.trim());
    if (!match) continue;
    const [, cache, measure, value] = match;
    counts[cache!] ??= { hits: 0, misses: 0 };
    counts[cache!]![measure as 'hits' | 'misses'] = Number(value);
  }
  return counts;
}

/** Undefined when the service does not expose the caches (or /metrics fails). */
export function cacheCountsOf(metricsText: string | undefined): CacheCounts | undefined {
  if (metricsText === undefined) return undefined;
  const counts = parseCacheCounts(metricsText);
  return Object.keys(counts).length > 0 ? counts : undefined;
}

/** "lists 99.1 % / details 99.8 %": hit rates between two readings. */
export function formatHitRates(
  before: CacheCounts | undefined,
  after: CacheCounts | undefined,
): string {
  if (!before || !after) return '-';
  return Object.keys(after)
    .map((cache) => {
      const hits = after[cache]!.hits - (before[cache]?.hits ?? 0);
      const misses = after[cache]!.misses - (before[cache]?.misses ?? 0);
      const lookups = hits + misses;
      return `${cache} ${lookups === 0 ? '-' : `${((100 * hits) / lookups).toFixed(1)} %`}`;
    })
    .join(' / ');
}
