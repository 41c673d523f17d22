import { describe, expect, it } from 'vitest';
import { computeBackoffDelay } from './backoff.js';

const options = { baseDelayMs: 1000, maxDelayMs: 30_000 };

describe('computeBackoffDelay', () => {
  it('draws the delay uniformly from zero up to base × 2^attempt (full jitter)', () => {
    expect(computeBackoffDelay(0, options, () => 0)).toBe(0);
    expect(computeBackoffDelay(0, options, () => 0.5)).toBe(500);
    expect(computeBackoffDelay(3, options, () => 0.5)).toBe(4000);
    expect(computeBackoffDelay(3, options, () => 0.999_999)).toBe(7999);
  });

  it('never exceeds the maximum delay, however many attempts failed', () => {
    expect(computeBackoffDelay(5, options, () => 0.999_999)).toBe(29_999);
    expect(computeBackoffDelay(1000, options, () => 0.999_999)).toBe(29_999);
  });

  it('stays within its window for every random draw', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      const delays = Array.from({ length: 200 }, () => computeBackoffDelay(attempt, options));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThan(ceiling);
      expect(new Set(delays).size).toBeGreaterThan(1); // jittered, not a fixed schedule
    }
  });
});
