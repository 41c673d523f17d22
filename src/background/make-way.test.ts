import { describe, expect, it } from 'vitest';
import { delayAfterBusyRound, shareLeftByWrites, sliceOf, stretchedByWrites } from './make-way.js';

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

describe('shareLeftByWrites and sliceOf', () => {
  it('takes whole rounds while no events are being written', () => {
    expect(shareLeftByWrites({ writing: false, load: 0.8 })).toBe(1);
    expect(sliceOf(20, shareLeftByWrites({ writing: false }))).toBe(20);
  });

  it('takes what the writer leaves free, at least a tenth', () => {
    expect(shareLeftByWrites({ writing: true, load: 0.75 })).toBe(0.25);
    expect(shareLeftByWrites({ writing: true })).toBe(1);
    expect(shareLeftByWrites({ writing: true, load: 1 })).toBeCloseTo(0.1);
    expect(shareLeftByWrites({ writing: true, load: -2 })).toBe(1);
    expect(sliceOf(20, 0.25)).toBe(5);
    expect(sliceOf(2_000, 0.1)).toBe(200);
  });

  it('never slices below the minimum', () => {
    expect(sliceOf(20, 0.01)).toBe(1);
    expect(sliceOf(2_000, 0.01, 250)).toBe(250);
  });
});

describe('stretchedByWrites', () => {
  it('keeps the interval while no events are being written, whatever load was last reported', () => {
    expect(stretchedByWrites(10_000, { writing: false, load: 0.8 })).toBe(10_000);
  });

  it('divides it by the share the writer leaves free, up to ten times', () => {
    expect(stretchedByWrites(10_000, { writing: true })).toBe(10_000);
    expect(stretchedByWrites(10_000, { writing: true, load: 0.1 })).toBe(11_111);
    expect(stretchedByWrites(10_000, { writing: true, load: 0.8 })).toBe(50_000);
    expect(stretchedByWrites(10_000, { writing: true, load: 1 })).toBe(100_000);
  });
});
