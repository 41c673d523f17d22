import { describe, expect, it } from 'vitest';
import {
  computeNeighbours,
  createItemKnnRecommender,
  createPopularityRecommender,
  indexTraining,
} from './baselines.js';

const pairs = (text: string) =>
  text
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [user, item] = pair.split(':');
      return { user: user!, item: item! };
    });

describe('createPopularityRecommender', () => {
  it('ranks items by distinct users and leaves out the user own items', () => {
    const index = indexTraining(pairs('a:x a:x b:x c:x a:y b:y d:z e:w'));
    const recommend = createPopularityRecommender(index);
    expect(recommend('e', 3)).toEqual(['x', 'y', 'z']);
    expect(recommend('a', 2)).toEqual(['z', 'w']);
  });
});

describe('computeNeighbours', () => {
  it('scores item pairs by the cosine of their binary user vectors', () => {
    // x: {a,b,c}, y: {a,b}, z: {c}
    const index = indexTraining(pairs('a:x b:x c:x a:y b:y c:z'));
    const [x, y, z] = computeNeighbours(index, 10);
    expect(Array.from(x!.items)).toEqual([1, 2]);
    expect(x!.similarities[0]).toBeCloseTo(2 / Math.sqrt(3 * 2));
    expect(x!.similarities[1]).toBeCloseTo(1 / Math.sqrt(3 * 1));
    expect(Array.from(y!.items)).toEqual([0]);
    expect(Array.from(z!.items)).toEqual([0]);
  });

  it('keeps only the most similar neighbours', () => {
    const index = indexTraining(pairs('a:x b:x c:x a:y b:y c:z'));
    expect(Array.from(computeNeighbours(index, 1)[0]!.items)).toEqual([1]);
  });
});

describe('createItemKnnRecommender', () => {
  it('sums the similarities of the user items that are in each candidate neighbourhood', () => {
    // v has p and q; candidates r (co-occurs with p and q) and s (co-occurs with p only).
    const index = indexTraining(pairs('v:p v:q a:p a:q a:r b:p b:s c:q c:r'));
    const recommend = createItemKnnRecommender(index, { neighbours: 100 });
    expect(recommend('v', 5)).toEqual(['r', 's']);
  });

  it('drops what a candidate neighbourhood does not hold', () => {
    // q and r are each other's nearest neighbour (cosine 1), so with one neighbour p adds nothing
    // to them; s's nearest neighbour is p.
    const index = indexTraining(pairs('a:p a:q a:r b:q b:r c:p c:s v:p'));
    expect(createItemKnnRecommender(index, { neighbours: 100 })('v', 5)).toEqual(['s', 'q', 'r']);
    expect(createItemKnnRecommender(index, { neighbours: 1 })('v', 5)).toEqual(['s']);
  });

  it('returns nothing for a user without training items', () => {
    const index = indexTraining(pairs('a:p a:q'));
    expect(createItemKnnRecommender(index)('nobody', 3)).toEqual([]);
  });
});
