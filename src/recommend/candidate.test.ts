import { describe, expect, it } from 'vitest';
import { rankSources, toCandidate } from './candidate.js';

describe('candidates', () => {
  it('explains a score by the items that contributed most, each once', () => {
    expect(
      rankSources([
        { id: 'x', score: 0.1 },
        { id: 'y', score: 0.3 },
        { id: 'x', score: 0.3 },
        { id: 'z', score: 0.05 },
      ]),
    ).toEqual(['x', 'y', 'z']);
  });

  it('keeps at most five reasons and none when there are no sources', () => {
    const sources = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, index) => ({ id, score: 10 - index }));
    expect(rankSources(sources)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(
      toCandidate({
        type: 'product',
        id: 'a',
        score: 1,
        sources: null,
        properties: {},
        categories: null,
      }),
    ).toEqual({
      type: 'product',
      id: 'a',
      score: 1,
      properties: {},
      categories: [],
    });
  });
});
