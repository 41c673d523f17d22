import { describe, expect, it } from 'vitest';
import { itemKey } from '../candidate.js';
import { similarList, sourcesOf, sumNeighbours } from './neighbour-scoring.js';

const product = (id: string, score: number) => ({ type: 'product', id, score });
const none = { positiveOnly: false, isExcluded: () => false };

describe('sumNeighbours', () => {
  it('sums weighted scores over the lists, and names what each source added when asked', () => {
    const lists = [
      { id: 'a', weight: 1, neighbours: similarList([product('x', 0.5), product('y', 0.4)]) },
      { id: 'b', weight: 2, neighbours: similarList([product('y', 0.1)]) },
    ];
    const ranked = sumNeighbours(lists, none);
    expect(ranked.map(({ id, score }) => [id, score])).toEqual([
      ['y', 0.6000000000000001],
      ['x', 0.5],
    ]);
    expect(ranked[0]!.key).toBe(itemKey('product', 'y'));
    const sources = sourcesOf(lists, new Set([itemKey('product', 'y')]));
    expect([...sources]).toEqual([
      [
        itemKey('product', 'y'),
        [
          { id: 'a', score: 0.4 },
          { id: 'b', score: 0.2 },
        ],
      ],
    ]);
  });

  it('breaks ties by type, then id', () => {
    const ranked = sumNeighbours(
      [
        {
          id: 'a',
          weight: 1,
          neighbours: similarList([
            product('b', 1),
            { type: 'article', id: 'z', score: 1 },
            product('a', 1),
          ]),
        },
      ],
      none,
    );
    expect(ranked.map(({ type, id }) => `${type}/${id}`)).toEqual([
      'article/z',
      'product/a',
      'product/b',
    ]);
  });

  it('drops items a negative weight pushed to zero or below when asked to', () => {
    const lists = [
      { id: 'liked', weight: 1, neighbours: similarList([product('x', 0.3), product('y', 0.3)]) },
      { id: 'hidden', weight: -3, neighbours: similarList([product('x', 0.1)]) },
    ];
    expect(sumNeighbours(lists, { ...none, positiveOnly: true }).map(({ id }) => id)).toEqual([
      'y',
    ]);
    expect(sumNeighbours(lists, none).map(({ id }) => id)).toEqual(['y', 'x']);
  });

  it('leaves out excluded items', () => {
    const ranked = sumNeighbours(
      [{ id: 'a', weight: 1, neighbours: similarList([product('x', 0.5), product('y', 0.4)]) }],
      { positiveOnly: false, isExcluded: (key) => key === itemKey('product', 'x') },
    );
    expect(ranked.map(({ id }) => id)).toEqual(['y']);
  });
});

describe('sumNeighbours with a limit', () => {
  /** Deterministic lists with many equal scores (ties across types and ids), some negative weights. */
  function randomLists(seed: number) {
    let state = seed;
    const next = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 2 ** 32;
    };
    return Array.from({ length: 40 }, (_, list) => ({
      id: `h${list}`,
      weight: next() < 0.1 ? -1 : 1 + Math.floor(next() * 3),
      neighbours: similarList(
        Array.from({ length: 30 }, () => ({
          type: next() < 0.5 ? 'product' : 'article',
          id: `i${Math.floor(next() * 200)}`,
          score: Math.floor(next() * 5) / 4,
        })).filter(
          (entry, index, all) =>
            all.findIndex((other) => other.type === entry.type && other.id === entry.id) === index,
        ),
      ),
    }));
  }

  it('returns the whole ranking cut at the limit, ties and exclusions included', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const lists = randomLists(seed);
      const options = {
        positiveOnly: seed % 2 === 0,
        isExcluded: (key: string) => key.endsWith('7'),
      };
      const whole = sumNeighbours(lists, options);
      expect(whole.length).toBeGreaterThan(100);
      for (const limit of [0, 1, 10, 57, whole.length - 1, whole.length, whole.length + 5])
        expect(sumNeighbours(lists, { ...options, limit }), `seed ${seed}, limit ${limit}`).toEqual(
          whole.slice(0, limit),
        );
    }
  });
});
