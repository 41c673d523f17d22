import { describe, expect, it } from 'vitest';
import { percentile, runOpenLoop } from './open-loop.js';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(new Float64Array(), 50)).toBeNaN();
  });
});

describe('runOpenLoop', () => {
  it('sends at the asked rate whatever the answers take, and counts only the measured phase', async () => {
    let calls = 0;
    const result = await runOpenLoop({
      ratePerSecond: 200,
      warmupMs: 100,
      durationMs: 300,
      maxInFlight: 1000,
      send: async () => {
        const call = ++calls;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return call % 10 !== 0;
      },
    });
    expect(calls).toBe(80);
    expect(result.sent).toBe(60);
    expect(result.errors + result.latenciesMs.length).toBe(60);
    expect(result.errors).toBe(6);
    expect(percentile(result.latenciesMs, 50)).toBeGreaterThanOrEqual(45);
    // the 20 warm-up requests are reported apart (their successes: every tenth call fails)
    expect(result.warmupLatenciesMs.length).toBe(18);
    expect(percentile(result.warmupLatenciesMs, 50)).toBeGreaterThanOrEqual(45);
  });

  it('drops requests beyond the in-flight limit instead of queueing them in the client', async () => {
    const result = await runOpenLoop({
      ratePerSecond: 1000,
      warmupMs: 0,
      durationMs: 100,
      maxInFlight: 5,
      send: () => new Promise((resolve) => setTimeout(() => resolve(true), 1500)),
    });
    expect(result.sent).toBe(5);
    expect(result.dropped).toBe(95);
  });
});
