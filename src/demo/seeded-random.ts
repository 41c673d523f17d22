/** mulberry32: a small seeded PRNG so the demo shop is the same on every start. */
export function createSeededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!,
    /** Index drawn with Zipf-like weights 1/(rank+1)^s: a few popular, a long tail. */
    zipfIndex(size: number, exponent = 1): number {
      let total = 0;
      for (let rank = 0; rank < size; rank += 1) total += 1 / (rank + 1) ** exponent;
      let target = next() * total;
      for (let rank = 0; rank < size; rank += 1) {
        target -= 1 / (rank + 1) ** exponent;
        if (target <= 0) return rank;
      }
      return size - 1;
    },
  };
}

export type SeededRandom = ReturnType<typeof createSeededRandom>;
