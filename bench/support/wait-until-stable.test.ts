import { describe, expect, it } from 'vitest';
import { waitUntilStable } from './wait-until-stable.js';

function fakeClock() {
  let time = 0;
  return { now: () => time, sleep: async (ms: number) => void (time += ms) };
}

describe('waitUntilStable', () => {
  it('settles once the same snapshot is read the required number of times in a row', async () => {
    const snapshots = ['a', 'b', 'b', 'c', 'c', 'c', 'd'];
    let at = 0;
    const result = await waitUntilStable(async () => snapshots[at++]!, {
      intervalMs: 1000,
      stableReads: 3,
      timeoutMs: 60_000,
      ...fakeClock(),
    });
    expect(result).toEqual({ settled: true, elapsedMs: 5000, reads: 6 });
  });

  it('never counts snapshots that are not ready', async () => {
    const snapshots = ['', '', '', 'x', 'x'];
    let at = 0;
    const result = await waitUntilStable(async () => snapshots[at++]!, {
      intervalMs: 10,
      stableReads: 2,
      timeoutMs: 60_000,
      isReady: (snapshot) => snapshot !== '',
      ...fakeClock(),
    });
    expect(result.reads).toBe(5);
    expect(result.settled).toBe(true);
  });

  it('gives up at the timeout', async () => {
    let counter = 0;
    const result = await waitUntilStable(async () => String(counter++), {
      intervalMs: 1000,
      stableReads: 2,
      timeoutMs: 3000,
      ...fakeClock(),
    });
    expect(result).toEqual({ settled: false, elapsedMs: 3000, reads: 4 });
  });
});
