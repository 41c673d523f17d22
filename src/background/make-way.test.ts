import { describe, expect, it } from 'vitest';
import { delayAfterBusyRound } from './make-way.js';

describe('delayAfterBusyRound', () => {
  const settings = { yieldFactor: 2, maxYieldMs: 2_000 };

  it('goes on at once while no events are being written', () => {
    expect(delayAfterBusyRound({ roundMs: 400, writing: false, settings })).toBe(0);
  });

  it('pauses for yieldFactor times the round while events are being written', () => {
    expect(delayAfterBusyRound({ roundMs: 150, writing: true, settings })).toBe(300);
  });

  it('never pauses longer than maxYieldMs, nor less than nothing', () => {
    expect(delayAfterBusyRound({ roundMs: 5_000, writing: true, settings })).toBe(2_000);
    expect(delayAfterBusyRound({ roundMs: -3, writing: true, settings })).toBe(0);
  });

  it('pauses longer the busier the writer, up to ten times the base', () => {
    expect(delayAfterBusyRound({ roundMs: 150, writing: true, load: 0.5, settings })).toBe(600);
    expect(delayAfterBusyRound({ roundMs: 150, writing: true, load: 0.75, settings })).toBe(1_200);
    expect(delayAfterBusyRound({ roundMs: 150, writing: true, load: 1, settings })).toBeCloseTo(
      3_000,
    );
    expect(delayAfterBusyRound({ roundMs: 5_000, writing: true, load: 0.5, settings })).toBe(4_000);
    expect(delayAfterBusyRound({ roundMs: 150, writing: true, load: -1, settings })).toBe(300);
  });

  it('does not pause for an idle writer, whatever load it last reported', () => {
    expect(delayAfterBusyRound({ roundMs: 150, writing: false, load: 0.9, settings })).toBe(0);
  });
});
