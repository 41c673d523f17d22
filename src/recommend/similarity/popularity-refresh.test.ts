import { describe, expect, it } from 'vitest';
import { takeWithinEdgeBudget } from './popularity-refresh.js';

describe('takeWithinEdgeBudget', () => {
  const items = (...edges: number[]) =>
    edges.map((count, index) => ({ item: `i${index}`, edges: count }));

  it('takes the oldest items while their interactions fit the budget', () => {
    expect(takeWithinEdgeBudget(items(100, 200, 300, 400), 600).map((row) => row.item)).toEqual([
      'i0',
      'i1',
      'i2',
    ]);
  });

  it('always takes the first item, even over the budget, and stops there', () => {
    expect(takeWithinEdgeBudget(items(9_000, 1, 1), 5_000).map((row) => row.item)).toEqual(['i0']);
  });

  it('stops at the first item that does not fit, keeping the oldest first', () => {
    expect(takeWithinEdgeBudget(items(10, 6_000, 10), 5_000).map((row) => row.item)).toEqual([
      'i0',
    ]);
  });

  it('takes nothing from nothing', () => {
    expect(takeWithinEdgeBudget([], 5_000)).toEqual([]);
  });
});
