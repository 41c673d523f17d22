import { describe, expect, it } from 'vitest';
import type { RecommendedItem } from './live-ports.js';
import { createRemovedItems } from './removed-items.js';

const items = (...ids: string[]): RecommendedItem[] =>
  ids.map((id) => ({
    id,
    type: 'product',
    score: 1,
    model: 'popular',
    reason: { model: 'popular' },
    attributes: {},
  }));
const ids = (list: RecommendedItem[]) => list.map((item) => item.id);

describe('createRemovedItems', () => {
  it('filters removed items out of lists of the same site only', () => {
    const removed = createRemovedItems(10_000);
    removed.add('site-a', ['b'], 0);
    expect(ids(removed.filter('site-a', items('a', 'b', 'c'), 1))).toEqual(['a', 'c']);
    expect(ids(removed.filter('site-b', items('a', 'b', 'c'), 1))).toEqual(['a', 'b', 'c']);
  });

  it('forgets a removal when the item is restored or the memory expires', () => {
    const removed = createRemovedItems(10_000);
    removed.add('site-a', ['a', 'b'], 0);
    removed.restore('site-a', ['a']);
    expect(ids(removed.filter('site-a', items('a', 'b'), 1))).toEqual(['a']);
    expect(ids(removed.filter('site-a', items('a', 'b'), 10_000))).toEqual(['a', 'b']);
  });
});
