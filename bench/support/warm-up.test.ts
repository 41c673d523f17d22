import { describe, expect, it } from 'vitest';
import { needsAnotherRound } from './warm-up.js';

const options = { tolerance: 0.05, maxRounds: 8 };

describe('needsAnotherRound', () => {
  it('always runs one round more than its patience', () => {
    expect(needsAnotherRound([], options)).toBe(true);
    expect(needsAnotherRound([1_500], options)).toBe(true);
    expect(needsAnotherRound([1_500, 1_300], options)).toBe(true);
  });

  it('goes on while one of the last rounds was clearly faster than every round before them', () => {
    expect(needsAnotherRound([600, 1_100, 1_400], options)).toBe(true);
    // one slow round does not end it while the JVM is still getting faster
    expect(needsAnotherRound([439, 1_653, 2_745, 3_734, 3_641], options)).toBe(true);
  });

  it('stops once two rounds in a row gain nothing on the best before them, or fall', () => {
    expect(needsAnotherRound([439, 1_653, 2_745, 3_734, 3_641, 3_800], options)).toBe(false);
    expect(needsAnotherRound([4_214, 4_605, 4_277, 4_700], options)).toBe(false);
    expect(needsAnotherRound([1_500, 1_300, 1_200], options)).toBe(false);
  });

  it('takes its patience as an option', () => {
    expect(needsAnotherRound([1_400, 1_450], { ...options, patience: 1 })).toBe(false);
    expect(needsAnotherRound([600, 1_100], { ...options, patience: 1 })).toBe(true);
  });

  it('stops after the last round allowed', () => {
    expect(needsAnotherRound([200, 400, 800, 1_600], { ...options, maxRounds: 4 })).toBe(false);
  });
});
