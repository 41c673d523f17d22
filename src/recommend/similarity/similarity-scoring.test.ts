import { describe, expect, it } from 'vitest';
import {
  asymmetricCosine,
  cosineSimilarity,
  estimateCooccurrence,
  topByScore,
} from './similarity-scoring.js';

describe('similarity scoring', () => {
  it('normalises co-occurrence so that a bestseller does not win by popularity alone', () => {
    // A bought by 5 users; B (2 buyers) with A twice; P (13 buyers) with A three times.
    expect(cosineSimilarity(2, 5, 2)).toBeCloseTo(0.6325, 4);
    expect(cosineSimilarity(3, 5, 13)).toBeCloseTo(0.3721, 4);
    expect(cosineSimilarity(0, 5, 2)).toBe(0);
  });

  it('damps the neighbour more than the candidate with alpha below one half', () => {
    expect(asymmetricCosine(2, 4, 16, 0.5)).toBeCloseTo(cosineSimilarity(2, 4, 16), 10);
    expect(asymmetricCosine(2, 4, 16, 0.3)).toBeCloseTo(2 / (4 ** 0.3 * 16 ** 0.7), 10);
    expect(asymmetricCosine(2, 16, 4, 0.3)).toBeGreaterThan(asymmetricCosine(2, 4, 16, 0.3));
  });

  it('scales a sampled co-occurrence back to the whole population', () => {
    expect(estimateCooccurrence(10, 5_000, 500)).toBe(100);
    expect(estimateCooccurrence(10, 400, 400)).toBe(10);
  });

  it('keeps the k best positive scores with ties broken by item', () => {
    const top = topByScore(
      [
        { item: 'c', score: 0.5 },
        { item: 'a', score: 0.5 },
        { item: 'b', score: 0.9 },
        { item: 'z', score: 0 },
      ],
      2,
    );
    expect(top.map((entry) => entry.item)).toEqual(['b', 'a']);
  });
});
