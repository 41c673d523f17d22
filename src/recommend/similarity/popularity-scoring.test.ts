import { describe, expect, it } from 'vitest';
import { scorePopularity } from './popularity-scoring.js';

describe('scorePopularity', () => {
  it('ranks by weighted users in the window and breaks ties by all-time weight below one', () => {
    const score = scorePopularity([
      { kind: 'VIEWED', allTime: 10, current: 3, previous: 0 },
      { kind: 'BOUGHT', allTime: 2, current: 1, previous: 1 },
    ]);
    expect(score.popularityRank).toBeCloseTo(8 + 20 / 21, 10);
    expect(score.trendingScore).toBeCloseTo((8 - 5) / Math.sqrt(6), 10);
  });

  it('keeps an item with only old interactions popular by its all-time weight, and not trending', () => {
    const score = scorePopularity([{ kind: 'VIEWED', allTime: 4, current: 0, previous: 2 }]);
    expect(score.popularityRank).toBeCloseTo(0.8, 10);
    expect(score.trendingScore).toBeNull();
  });

  it('gives nothing to an item without positive interactions', () => {
    expect(scorePopularity([])).toEqual({ popularityRank: null, trendingScore: null });
    expect(scorePopularity([{ kind: 'HID', allTime: 5, current: 5, previous: 0 }])).toEqual({
      popularityRank: null,
      trendingScore: null,
    });
  });
});
