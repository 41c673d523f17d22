import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPushCoalescer } from './push-coalescer.js';

describe('createPushCoalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp(
    options: { pushes?: boolean; flushMs?: number; push?: number; flushInterval?: number } = {},
  ) {
    const flushes: number[] = [];
    const errors: unknown[] = [];
    const coalescer = createPushCoalescer<string>({
      minPushIntervalMs: options.push ?? 300,
      minFlushIntervalMs: options.flushInterval ?? 100,
      async flush() {
        flushes.push(Date.now() - 1_000_000);
        if (options.flushMs) await new Promise((resolve) => setTimeout(resolve, options.flushMs));
        return options.pushes ?? true;
      },
      onError: (_key, error) => errors.push(error),
    });
    return { coalescer, flushes, errors };
  }

  it('flushes the first request at once', async () => {
    const { coalescer, flushes } = setUp();
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(flushes).toEqual([0]);
  });

  it('merges requests made within the interval into one push at the end of the interval', async () => {
    const { coalescer, flushes } = setUp();
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(10);
    for (let i = 0; i < 5; i += 1) {
      coalescer.request('a');
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes).toEqual([0, 300]);
  });

  it('never pushes twice within the interval however many requests come', async () => {
    const { coalescer, flushes } = setUp();
    for (let t = 0; t < 3_000; t += 7) {
      coalescer.request('a');
      await vi.advanceTimersByTimeAsync(7);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    for (let i = 1; i < flushes.length; i += 1)
      expect(flushes[i]! - flushes[i - 1]!).toBeGreaterThanOrEqual(300);
    expect(flushes.length).toBeGreaterThanOrEqual(9);
  });

  it('flushes again after a flush during which a request arrived, so the last change is delivered', async () => {
    const { coalescer, flushes } = setUp({ flushMs: 50 });
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(20);
    coalescer.request('a'); // arrives while the first flush runs
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes).toEqual([0, 350]); // 300 ms after the first push completed at 50
  });

  it('spaces flushes that push nothing by the shorter flush interval only', async () => {
    const { coalescer, flushes } = setUp({ pushes: false });
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(30);
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes).toEqual([0, 100]);
  });

  it('does not hold an urgent request back behind a push of another cause', async () => {
    const { coalescer, flushes } = setUp();
    coalescer.request('a'); // a similarity change, pushed at 0
    await vi.advanceTimersByTimeAsync(10);
    coalescer.request('a'); // another one: waits for the interval
    await vi.advanceTimersByTimeAsync(10);
    coalescer.request('a', true); // the user's own event moves that flush forward
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes).toEqual([0, 20]);
  });

  it('keeps the interval between urgent pushes, and a later ordinary request waits for the urgent push too', async () => {
    const { coalescer, flushes } = setUp();
    coalescer.request('a', true);
    await vi.advanceTimersByTimeAsync(50);
    coalescer.request('a', true);
    await vi.advanceTimersByTimeAsync(100);
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes).toEqual([0, 300]); // the second urgent and the ordinary request share the flush at 300
  });

  it('never pushes twice within the interval for the same kind of request', async () => {
    const { coalescer, flushes } = setUp();
    for (let t = 0; t < 3_000; t += 7) {
      coalescer.request('a', t % 2 === 0);
      await vi.advanceTimersByTimeAsync(7);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    // urgent requests come all the time here: every flush is urgent, so they stay 300 ms apart
    for (let i = 1; i < flushes.length; i += 1)
      expect(flushes[i]! - flushes[i - 1]!).toBeGreaterThanOrEqual(300);
  });

  it('keeps keys independent', async () => {
    const { coalescer, flushes } = setUp();
    coalescer.request('a');
    coalescer.request('b');
    await vi.advanceTimersByTimeAsync(0);
    expect(flushes).toEqual([0, 0]);
  });

  it('cancels a scheduled flush when the key is forgotten', async () => {
    const { coalescer, flushes } = setUp();
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(0);
    coalescer.request('a');
    expect(coalescer.busyCount()).toBe(1);
    coalescer.forget('a');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes).toEqual([0]);
    expect(coalescer.busyCount()).toBe(0);
  });

  it('reports a failed flush and keeps serving the key', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const flushes: number[] = [];
    const coalescer = createPushCoalescer<string>({
      minPushIntervalMs: 300,
      minFlushIntervalMs: 100,
      async flush() {
        flushes.push(Date.now() - 1_000_000);
        if (fail) throw new Error('boom');
        return true;
      },
      onError: (_key, error) => errors.push(error),
    });
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(0);
    fail = false;
    coalescer.request('a');
    await vi.advanceTimersByTimeAsync(500);
    expect(errors).toHaveLength(1);
    expect(flushes).toEqual([0, 100]);
  });
});
