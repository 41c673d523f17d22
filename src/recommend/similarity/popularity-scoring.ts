/** Integer weights per interaction (HID is a negative signal and never counts as popularity). */
export const POPULARITY_WEIGHTS: Record<string, number> = {
  VIEWED: 1,
  CONSUMED: 2,
  BASKETED: 3,
  RATED: 2,
  BOUGHT: 5,
};

export interface InteractionCounts {
  kind: string;
  /** Users with this interaction with the item, ever. */
  allTime: number;
  /** Users whose last interaction falls in the current window. */
  current: number;
  /** Users whose interaction span overlaps the previous window. */
  previous: number;
}

export interface PopularityScores {
  /** Weighted users in the window, ties broken by all-time weight (kept below 1 so it never outranks the window). */
  popularityRank: number | null;
  /** Growth over the previous window, as a Poisson z-score: (current - previous) / sqrt(previous + 1). */
  trendingScore: number | null;
}

export function scorePopularity(
  counts: readonly InteractionCounts[],
  weights: Record<string, number> = POPULARITY_WEIGHTS,
): PopularityScores {
  let allTime = 0;
  let current = 0;
  let previous = 0;
  for (const entry of counts) {
    const weight = weights[entry.kind] ?? 0;
    allTime += weight * entry.allTime;
    current += weight * entry.current;
    previous += weight * entry.previous;
  }
  return {
    popularityRank: allTime > 0 ? current + allTime / (allTime + 1) : null,
    trendingScore: current > previous ? (current - previous) / Math.sqrt(previous + 1) : null,
  };
}
