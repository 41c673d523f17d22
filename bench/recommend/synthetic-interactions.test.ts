import { describe, expect, it } from 'vitest';
import { createRandom } from '../eval/split.js';
import {
  categoryOf,
  createZipfSampler,
  generateInteractions,
  toCatalogueItem,
} from './synthetic-interactions.js';

describe('createZipfSampler', () => {
  it('draws rank r about 1/(r+1) as often as rank 0 for exponent 1', () => {
    const draw = createZipfSampler(100, 1, createRandom(5));
    const counts = new Array(100).fill(0);
    for (let index = 0; index < 200_000; index += 1) counts[draw()] += 1;
    expect(counts[1] / counts[0]).toBeCloseTo(1 / 2, 1);
    expect(counts[9] / counts[0]).toBeCloseTo(1 / 10, 1);
    expect(counts.every((count) => count > 0)).toBe(true);
  });
});

describe('generateInteractions', () => {
  const spec = { users: 1000, items: 200, interactions: 20_000, categories: 10, seed: 1 };
  const now = 1_700_000_000_000;

  it('yields the asked number of interactions, repeatable for a seed', () => {
    const first = [...generateInteractions(spec, now)];
    expect(first).toHaveLength(20_000);
    expect([...generateInteractions(spec, now)].slice(0, 50)).toEqual(first.slice(0, 50));
  });

  it('makes popular items far more frequent than the tail, with some purchases, in the last 30 days', () => {
    const counts = new Map<string, number>();
    let buys = 0;
    for (const interaction of generateInteractions(spec, now)) {
      counts.set(interaction.item, (counts.get(interaction.item) ?? 0) + 1);
      if (interaction.type === 'buy') buys += 1;
      expect(interaction.at).toBeLessThanOrEqual(now);
      expect(interaction.at).toBeGreaterThan(now - 31 * 86_400_000);
    }
    expect(counts.get('item-0')! / (counts.get('item-190') ?? 1)).toBeGreaterThan(10);
    expect(buys / 20_000).toBeCloseTo(0.15, 1);
  });

  it('keeps most of a user history inside one category', () => {
    const byUser = new Map<string, number[]>();
    for (const { user, item } of generateInteractions(spec, now)) {
      const list = byUser.get(user) ?? [];
      list.push(categoryOf(Number(item.slice(5)), 10));
      byUser.set(user, list);
    }
    const heavy = [...byUser.values()].sort((a, b) => b.length - a.length)[0]!;
    const mostCommon = Math.max(
      ...new Array(10).fill(0).map((_, category) => heavy.filter((c) => c === category).length),
    );
    expect(mostCommon / heavy.length).toBeGreaterThan(0.6);
  });

  it('refuses a catalogue that does not divide into the categories', () => {
    expect(() => [...generateInteractions({ ...spec, items: 205 }, now)]).toThrow(RangeError);
  });
});

describe('toCatalogueItem', () => {
  it('describes an item with its category', () => {
    expect(toCatalogueItem(13, 10)).toMatchObject({
      type: 'product',
      id: 'item-13',
      categories: ['/category-3'],
      currency: 'EUR',
    });
  });
});
