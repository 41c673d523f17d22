import { describe, expect, it } from 'vitest';
import type { RecommendedItem } from './live-ports.js';
import { isSameList, isSameValue, removeItems } from './list-diff.js';

function item(id: string, attributes: Record<string, unknown> = {}, score = 1): RecommendedItem {
  return { id, type: 'product', score, model: 'popular', reason: { model: 'popular' }, attributes };
}

describe('isSameList', () => {
  it('treats the same ids in the same order as unchanged, whatever the scores and models', () => {
    const before = [item('a', {}, 0.9), item('b', {}, 0.5)];
    const after = [{ ...item('a', {}, 0.1), model: 'personalized' }, item('b', {}, 0.7)];
    expect(isSameList(before, after)).toBe(true);
  });

  it('sees a new order, a new item and a shorter list as changes', () => {
    const before = [item('a'), item('b')];
    expect(isSameList(before, [item('b'), item('a')])).toBe(false);
    expect(isSameList(before, [item('a'), item('c')])).toBe(false);
    expect(isSameList(before, [item('a')])).toBe(false);
  });

  it('sees a changed display attribute as a change, ignoring key order', () => {
    expect(
      isSameList([item('a', { title: 'A', price: 10 })], [item('a', { price: 10, title: 'A' })]),
    ).toBe(true);
    expect(
      isSameList([item('a', { title: 'A', price: 10 })], [item('a', { title: 'A', price: 12 })]),
    ).toBe(false);
  });

  it('tells apart two items with the same id but different types', () => {
    expect(isSameList([item('a')], [{ ...item('a'), type: 'article' }])).toBe(false);
  });
});

describe('removeItems', () => {
  it('drops the removed ids and keeps the order of the rest', () => {
    expect(removeItems([item('a'), item('b'), item('c')], new Set(['b'])).map((i) => i.id)).toEqual(
      ['a', 'c'],
    );
  });
});

describe('isSameValue', () => {
  it('compares arrays and nested objects by value', () => {
    expect(isSameValue({ tags: ['x', 'y'], n: { a: 1 } }, { n: { a: 1 }, tags: ['x', 'y'] })).toBe(
      true,
    );
    expect(isSameValue({ tags: ['x', 'y'] }, { tags: ['y', 'x'] })).toBe(false);
    expect(isSameValue([], {})).toBe(false);
    expect(isSameValue({ a: undefined }, {})).toBe(true);
  });
});
