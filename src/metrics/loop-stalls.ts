import {
  constants,
  PerformanceObserver,
  performance,
  type PerformanceEntry,
} from 'node:perf_hooks';

/** One stretch during which the event loop ran nothing else: what the process did meanwhile. */
export interface LoopStall {
  /** How much later than due the watch's timer fired. */
  stallMs: number;
  /** Garbage-collection pauses that began in the stretch, by kind (main-thread pause time). */
  gc: { kind: GcKind; count: number; ms: number }[];
  /**
   * CPU the whole process used in the stretch (every thread: JS, GC helpers, libuv), in ms.
   * Near the stretch's length: the loop was busy (JS or GC). Far below it: the process was
   * waiting for a CPU (other processes, the hypervisor) or blocked in a synchronous call.
   */
  cpu: { userMs: number; systemMs: number };
}

export type GcKind = 'minor' | 'major' | 'incremental' | 'weak-callbacks' | 'other';

export interface GcPause {
  kind: GcKind;
  /** performance.now() time at which the pause began. */
  startTime: number;
  duration: number;
}

export interface LoopStallWatchOptions {
  /** A timer firing this much later than due is a stall. */
  thresholdMs: number;
  onStall: (stall: LoopStall) => void;
  /** How often the watch's timer is due. */
  intervalMs?: number;
}

const RECENT_GC_PAUSES = 64;

/**
 * Watches the event loop for stalls: a timer due every `intervalMs` that fires `thresholdMs` late
 * means nothing else ran meanwhile, so every request in flight waited that long. Each stall is
 * reported with the GC pauses and the process CPU time inside it, which tell a collector's pause,
 * a long synchronous task and a process starved of CPU apart. Costs one timer and the GC
 * observer; both are unref'd.
 */
export function watchLoopStalls(options: LoopStallWatchOptions): { stop(): void } {
  const intervalMs = options.intervalMs ?? 20;
  const pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
      pauses.push({
        kind: gcKind(detail?.kind),
        startTime: entry.startTime,
        duration: entry.duration,
      });
      if (pauses.length > RECENT_GC_PAUSES) pauses.shift();
    }
  });
  observer.observe({ entryTypes: ['gc'] });

  let due = performance.now() + intervalMs;
  let cpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - due;
    const windowStart = due - intervalMs;
    const used = process.cpuUsage(cpu);
    due = now + intervalMs;
    cpu = process.cpuUsage();
    if (late < options.thresholdMs) return;
    // GC entries reach the observer after the pause, on a later turn of the loop
    const report = setTimeout(() => {
      options.onStall({
        stallMs: Math.round(late),
        gc: summarizeGcPauses(pauses, windowStart, now),
        cpu: {
          userMs: Math.round(used.user / 1000),
          systemMs: Math.round(used.system / 1000),
        },
      });
    }, 0);
    report.unref();
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      observer.disconnect();
    },
  };
}

/**
 * The service's reaction to stalls: every one is counted; one log line per `minIntervalMs` at most
 * (a saturated loop stalls on every tick), naming how many more were not logged since the last.
 */
export function createStallReporter(deps: {
  count: () => void;
  log: (stall: LoopStall, unlogged: number) => void;
  minIntervalMs?: number;
  now?: () => number;
}): (stall: LoopStall) => void {
  const minIntervalMs = deps.minIntervalMs ?? 5_000;
  const now = deps.now ?? Date.now;
  let nextLogAt = 0;
  let unlogged = 0;
  return (stall) => {
    deps.count();
    const at = now();
    if (at < nextLogAt) {
      unlogged += 1;
      return;
    }
    deps.log(stall, unlogged);
    unlogged = 0;
    nextLogAt = at + minIntervalMs;
  };
}

/** The pauses that began in [from, to], totalled by kind, longest total first. */
export function summarizeGcPauses(
  pauses: readonly GcPause[],
  from: number,
  to: number,
): LoopStall['gc'] {
  const byKind = new Map<GcKind, { count: number; ms: number }>();
  for (const pause of pauses) {
    if (pause.startTime < from || pause.startTime > to) continue;
    const total = byKind.get(pause.kind) ?? { count: 0, ms: 0 };
    total.count += 1;
    total.ms += pause.duration;
    byKind.set(pause.kind, total);
  }
  return [...byKind]
    .map(([kind, { count, ms }]) => ({ kind, count, ms: Math.round(ms * 10) / 10 }))
    .sort((a, b) => b.ms - a.ms);
}

/** One line for the log: "230 ms; GC 12 ms (major 1 × 12 ms); CPU 180 ms user + 40 ms system". */
export function describeLoopStall(stall: LoopStall): string {
  const gcMs = stall.gc.reduce((sum, pause) => sum + pause.ms, 0);
  const gc =
    stall.gc.length === 0
      ? 'no GC'
      : `GC ${Math.round(gcMs)} ms (${stall.gc.map((pause) => `${pause.kind} ${pause.count} × ${pause.ms} ms`).join(', ')})`;
  return `${stall.stallMs} ms; ${gc}; CPU ${stall.cpu.userMs} ms user + ${stall.cpu.systemMs} ms system`;
}

function gcKind(kind: number | undefined): GcKind {
  switch (kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return 'minor';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weak-callbacks';
    default:
      return 'other';
  }
}
