import type { Interaction } from './csv-reader.js';

export interface RandomSplitSpec {
  kind: 'random';
  /** Share of each user's distinct items held out for testing, in (0, 1). */
  testFraction: number;
  seed: number;
}

export interface Split {
  train: Interaction[];
  test: Interaction[];
}

/** Parses `random:<testFraction>:<seed>`, e.g. `random:0.25:42`. */
export function parseSplitSpec(spec: string): RandomSplitSpec {
  const match = /^random:(0?\.\d+|0|1):(\d+)$/.exec(spec.trim());
  const testFraction = match ? Number(match[1]) : NaN;
  if (!match || !(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(
      `--split must look like random:<testFraction>:<seed> with 0 < testFraction < 1, e.g. random:0.25:42 (got "${spec}")`,
    );
  }
  return { kind: 'random', testFraction, seed: Number(match[2]) };
}

/** mulberry32: a small, fast, seeded PRNG with uniform output in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Per-user random split: each user's distinct items are shuffled with one seeded PRNG (users taken
 * in order of first appearance, so the split depends only on the file and the seed) and
 * round(n × testFraction) of them go to the test side, never all of them: a user keeps at least one
 * training item, and a user with a single item stays in training. All rows of one (user, item) pair
 * go to the same side, so a held-out item never also appears in that user's training history.
 */
export function splitPerUser(rows: Interaction[], spec: RandomSplitSpec): Split {
  const byUser = new Map<string, Map<string, Interaction[]>>();
  for (const row of rows) {
    let items = byUser.get(row.user);
    if (!items) byUser.set(row.user, (items = new Map()));
    const pair = items.get(row.item);
    if (pair) pair.push(row);
    else items.set(row.item, [row]);
  }
  const random = createRandom(spec.seed);
  const split: Split = { train: [], test: [] };
  for (const items of byUser.values()) {
    const pairs = [...items.values()];
    shuffleInPlace(pairs, random);
    const testCount = Math.min(pairs.length - 1, Math.round(pairs.length * spec.testFraction));
    pairs.forEach((pairRows, index) =>
      (index < testCount ? split.test : split.train).push(...pairRows),
    );
  }
  return split;
}

/** Fisher–Yates. */
export function shuffleInPlace<T>(values: T[], random: () => number): void {
  for (let index = values.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [values[index], values[other]] = [values[other]!, values[index]!];
  }
}
