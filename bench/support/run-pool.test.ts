import { describe, expect, it } from 'vitest';
import { runPool, runStream } from './run-pool.js';

describe('runPool', () => {
  it('keeps results in input order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await runPool([30, 10, 20, 5, 15], 2, async (ms, index) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it('rethrows the first failure and starts no new work after it', async () => {
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4], 1, async (value) => {
        started.push(value);
        if (value === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});

describe('runStream', () => {
  it('pulls every item once with bounded concurrency', async () => {
    function* numbers() {
      for (let value = 0; value < 20; value += 1) yield value;
    }
    const seen: number[] = [];
    let running = 0;
    let most = 0;
    await runStream(numbers(), 3, async (value) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(value);
      running -= 1;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, value) => value));
    expect(most).toBe(3);
  });
});
