import { describe, expect, it } from 'vitest';
import { evaluateRankings, groupRelevantItems } from './metrics.js';

describe('evaluateRankings', () => {
  it('computes precision, recall, nDCG, hit rate and coverage for one user', () => {
    const metrics = evaluateRankings({
      rankings: new Map([['u', ['a', 'x', 'b', 'y']]]),
      relevant: new Map([['u', new Set(['a', 'b', 'c'])]]),
      k: 4,
      catalogueSize: 10,
    });
    const dcg = 1 / Math.log2(2) + 1 / Math.log2(4);
    const idcg = 1 / Math.log2(2) + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(metrics.precision).toBeCloseTo(2 / 4);
    expect(metrics.recall).toBeCloseTo(2 / 3);
    expect(metrics.ndcg).toBeCloseTo(dcg / idcg);
    expect(metrics.hitRate).toBe(1);
    expect(metrics.coverage).toBeCloseTo(4 / 10);
  });

  it('divides precision by k even when the list is shorter, and counts a user without a list as all misses', () => {
    const metrics = evaluateRankings({
      rankings: new Map([['u', ['a']]]),
      relevant: new Map([
        ['u', new Set(['a'])],
        ['v', new Set(['a'])],
      ]),
      k: 10,
      catalogueSize: 5,
    });
    expect(metrics.precision).toBeCloseTo((1 / 10 + 0) / 2);
    expect(metrics.recall).toBeCloseTo(0.5);
    expect(metrics.ndcg).toBeCloseTo(0.5);
    expect(metrics.hitRate).toBe(0.5);
    expect(metrics.users).toBe(2);
  });

  it('looks only at the first k items and never counts a repeated item twice', () => {
    const metrics = evaluateRankings({
      rankings: new Map([['u', ['a', 'a', 'x', 'b']]]),
      relevant: new Map([['u', new Set(['a', 'b'])]]),
      k: 2,
      catalogueSize: 4,
    });
    expect(metrics.precision).toBeCloseTo(1 / 2);
    expect(metrics.coverage).toBeCloseTo(2 / 4);
  });

  it('gives an ideal ranking an nDCG of 1 when there are more relevant items than k', () => {
    const metrics = evaluateRankings({
      rankings: new Map([['u', ['a', 'b']]]),
      relevant: new Map([['u', new Set(['a', 'b', 'c'])]]),
      k: 2,
      catalogueSize: 3,
    });
    expect(metrics.ndcg).toBeCloseTo(1);
    expect(metrics.recall).toBeCloseTo(2 / 3);
  });

  it('refuses a k below 1', () => {
    expect(() =>
      evaluateRankings({ rankings: new Map(), relevant: new Map(), k: 0, catalogueSize: 1 }),
    ).toThrow(RangeError);
  });
});

describe('groupRelevantItems', () => {
  it('groups held-out items by user and leaves out users unknown in training', () => {
    const relevant = groupRelevantItems(
      [
        { user: 'u', item: 'a' },
        { user: 'u', item: 'b' },
        { user: 'u', item: 'a' },
        { user: 'cold', item: 'c' },
      ],
      new Set(['u']),
    );
    expect(relevant).toEqual(new Map([['u', new Set(['a', 'b'])]]));
  });
});
