import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket.js';

describe('createTokenBucket', () => {
  it('allows a burst and then refuses until tokens refill', () => {
    const bucket = createTokenBucket(20, 40, 0);
    for (let i = 0; i < 40; i += 1) expect(bucket.take(0)).toBe(true);
    expect(bucket.take(0)).toBe(false);
    expect(bucket.take(50)).toBe(true); // 50 ms at 20/s refills one token
    expect(bucket.take(50)).toBe(false);
  });

  it('sustains the configured rate indefinitely', () => {
    const bucket = createTokenBucket(20, 40, 0);
    for (let t = 0; t < 10_000; t += 50) expect(bucket.take(t)).toBe(true);
  });

  it('never stores more than the burst', () => {
    const bucket = createTokenBucket(20, 5, 0);
    let allowed = 0;
    for (let i = 0; i < 10; i += 1) if (bucket.take(60_000)) allowed += 1;
    expect(allowed).toBe(5);
  });
});
