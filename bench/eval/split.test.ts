import { describe, expect, it } from 'vitest';
import type { Interaction } from './csv-reader.js';
import { createRandom, parseSplitSpec, splitPerUser } from './split.js';

function rowsFor(users: number, itemsPerUser: number): Interaction[] {
  const rows: Interaction[] = [];
  for (let user = 0; user < users; user += 1)
    for (let item = 0; item < itemsPerUser; item += 1)
      rows.push({ user: `u${user}`, item: `i${item}` });
  return rows;
}

describe('parseSplitSpec', () => {
  it('reads random:<testFraction>:<seed>', () => {
    expect(parseSplitSpec('random:0.25:42')).toEqual({
      kind: 'random',
      testFraction: 0.25,
      seed: 42,
    });
  });

  it('refuses other kinds and fractions outside (0, 1)', () => {
    for (const spec of ['time:0.2', 'random:1:42', 'random:0:42', 'random:0.25', 'random:abc:1'])
      expect(() => parseSplitSpec(spec)).toThrow(RangeError);
  });
});

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('splitPerUser', () => {
  it('holds out round(n × fraction) distinct items of every user', () => {
    const { train, test } = splitPerUser(rowsFor(5, 8), {
      kind: 'random',
      testFraction: 0.25,
      seed: 1,
    });
    for (let user = 0; user < 5; user += 1) {
      expect(test.filter((row) => row.user === `u${user}`)).toHaveLength(2);
      expect(train.filter((row) => row.user === `u${user}`)).toHaveLength(6);
    }
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const rows = rowsFor(3, 20);
    const spec = { kind: 'random', testFraction: 0.3, seed: 7 } as const;
    expect(splitPerUser(rows, spec)).toEqual(splitPerUser(rows, spec));
    expect(splitPerUser(rows, { ...spec, seed: 8 }).test).not.toEqual(
      splitPerUser(rows, spec).test,
    );
  });

  it('keeps a training item for every user and leaves single-item users in training', () => {
    const rows = [...rowsFor(1, 2), { user: 'solo', item: 'i1' }];
    const { train, test } = splitPerUser(rows, { kind: 'random', testFraction: 0.9, seed: 3 });
    expect(test).toHaveLength(1);
    expect(train.map((row) => row.user).sort()).toEqual(['solo', 'u0']);
  });

  it('puts every row of one user-item pair on the same side', () => {
    const rows: Interaction[] = [];
    for (let repeat = 0; repeat < 3; repeat += 1)
      for (let item = 0; item < 10; item += 1)
        rows.push({ user: 'u', item: `i${item}`, timestamp: repeat });
    const { train, test } = splitPerUser(rows, { kind: 'random', testFraction: 0.5, seed: 11 });
    const trainItems = new Set(train.map((row) => row.item));
    expect(test.some((row) => trainItems.has(row.item))).toBe(false);
    expect(test).toHaveLength(15);
  });
});
