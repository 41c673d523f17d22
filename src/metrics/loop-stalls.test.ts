import { describe, expect, it } from 'vitest';
import {
  createStallReporter,
  describeLoopStall,
  summarizeGcPauses,
  watchLoopStalls,
  type LoopStall,
} from './loop-stalls.js';

describe('watchLoopStalls', () => {
  it('reports a blocked loop with the CPU the process spent blocking it', async () => {
    const stalls: LoopStall[] = [];
    const watch = watchLoopStalls({ thresholdMs: 100, onStall: (stall) => stalls.push(stall) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      // a synchronous task holding the loop for 250 ms of CPU time (more wall time on a busy
      // machine, where the process also waits for a core)
      const start = process.cpuUsage();
      for (;;) {
        const used = process.cpuUsage(start);
        if (used.user + used.system >= 250_000) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      watch.stop();
    }
    const longest = stalls.reduce((a, b) => (b.stallMs > a.stallMs ? b : a));
    expect(longest.stallMs).toBeGreaterThanOrEqual(200);
    // busy-waiting is CPU time, unlike a process waiting for a CPU
    expect(longest.cpu.userMs + longest.cpu.systemMs).toBeGreaterThanOrEqual(200);
  });
});

describe('summarizeGcPauses', () => {
  it('totals the pauses that began in the window by kind, longest first', () => {
    const pauses = [
      { kind: 'minor' as const, startTime: 5, duration: 3 },
      { kind: 'minor' as const, startTime: 10, duration: 2.04 },
      { kind: 'major' as const, startTime: 12, duration: 40 },
      { kind: 'minor' as const, startTime: 11, duration: 4 },
      { kind: 'major' as const, startTime: 30, duration: 90 },
    ];
    expect(summarizeGcPauses(pauses, 10, 20)).toEqual([
      { kind: 'major', count: 1, ms: 40 },
      { kind: 'minor', count: 2, ms: 6 },
    ]);
    expect(summarizeGcPauses(pauses, 40, 50)).toEqual([]);
  });
});

describe('describeLoopStall', () => {
  it('says how long, which collections and how much CPU', () => {
    expect(
      describeLoopStall({
        stallMs: 230,
        gc: [
          { kind: 'major', count: 1, ms: 12 },
          { kind: 'minor', count: 2, ms: 3.5 },
        ],
        cpu: { userMs: 180, systemMs: 40 },
      }),
    ).toBe('230 ms; GC 16 ms (major 1 × 12 ms, minor 2 × 3.5 ms); CPU 180 ms user + 40 ms system');
    expect(describeLoopStall({ stallMs: 150, gc: [], cpu: { userMs: 3, systemMs: 1 } })).toBe(
      '150 ms; no GC; CPU 3 ms user + 1 ms system',
    );
  });
});

describe('createStallReporter', () => {
  it('counts every stall and logs at most one per interval, saying how many it left out', () => {
    let clock = 0;
    let counted = 0;
    const logged: [number, number][] = [];
    const report = createStallReporter({
      count: () => (counted += 1),
      log: (stall, unlogged) => logged.push([stall.stallMs, unlogged]),
      minIntervalMs: 5_000,
      now: () => clock,
    });
    const stall = (stallMs: number) => ({ stallMs, gc: [], cpu: { userMs: 0, systemMs: 0 } });
    report(stall(100));
    clock = 1_000;
    report(stall(110));
    clock = 4_999;
    report(stall(120));
    clock = 5_000;
    report(stall(130));
    clock = 20_000;
    report(stall(140));
    expect(counted).toBe(5);
    expect(logged).toEqual([
      [100, 0],
      [130, 2],
      [140, 0],
    ]);
  });
});
