import { describe, expect, it } from 'vitest';
import { formatHitRates, parseCacheCounts } from './cache-stats.js';

const scrape = (listHits: number, listMisses: number) => `# HELP recograph_recommend_cache …
# TYPE recograph_recommend_cache gauge
recograph_recommend_cache{cache="lists",measure="entries"} 8092
recograph_recommend_cache{cache="lists",measure="hits"} ${listHits}
recograph_recommend_cache{cache="lists",measure="misses"} ${listMisses}
recograph_recommend_cache{cache="details",measure="hits"} 10
recograph_recommend_cache{cache="details",measure="misses"} 0
recograph_http_request_duration_seconds_count 5`;

describe('cache stats', () => {
  it('reads hits and misses per cache from the metrics text', () => {
    expect(parseCacheCounts(scrape(34264, 8144))).toEqual({
      lists: { hits: 34264, misses: 8144 },
      details: { hits: 10, misses: 0 },
    });
  });

  it('formats the hit rate between two readings', () => {
    expect(
      formatHitRates(parseCacheCounts(scrape(100, 10)), parseCacheCounts(scrape(190, 20))),
    ).toBe('lists 90.0 % / details -');
    expect(formatHitRates(undefined, parseCacheCounts(scrape(1, 1)))).toBe('-');
  });
});
