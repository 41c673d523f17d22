import { describe, expect, it } from 'vitest';
import { needsAnotherRound } from './warm-up.js';

const options = { tolerance: 0.05, maxRounds: 4 };

describe('needsAnotherRound', () => {
  it('always compares two rounds', () => {
    expect(needsAnotherRound([], options)).toBe(true);
    expect(needsAnotherRound([1_500], options)).toBe(true);
  });

  it('goes on while the last round was clearly faster than the one before', () => {
    expect(needsAnotherRound([600, 1_100], options)).toBe(true);
    expect(needsAnotherRound([600, 1_100, 1_400], options)).toBe(true);
  });

  it('stops once throughput levels off, or falls', () => {
    expect(needsAnotherRound([1_400, 1_450], options)).toBe(false);
    expect(needsAnotherRound([1_500, 1_300], options)).toBe(false);
  });

  it('stops after the last round allowed', () => {
    expect(needsAnotherRound([200, 400, 800, 1_600], options)).toBe(false);
  });
});
