import { performance } from 'node:perf_hooks';

export interface OpenLoopOptions {
  ratePerSecond: number;
  /** Measured phase. */
  durationMs: number;
  /** Same rate before the measured phase, not counted (JIT, caches, connection pool). */
  warmupMs: number;
  /** Requests in flight beyond this are not sent and are counted as dropped. */
  maxInFlight: number;
  /** One request; resolves true when the answer was a success. */
  send: () => Promise<boolean>;
  /** Called once, as the first measured request is sent. */
  onMeasuredStart?: () => void;
  now?: () => number;
}

export interface OpenLoopResult {
  /** Requests of the measured phase that were sent. */
  sent: number;
  errors: number;
  dropped: number;
  /** Successful requests of the measured phase per second of the phase. */
  achievedPerSecond: number;
  /** Per successful measured request, from its scheduled start (so queueing delay counts). */
  latenciesMs: Float64Array;
  /** The same for the warm-up phase (cold caches and JIT): reported beside, never mixed in. */
  warmupLatenciesMs: Float64Array;
}

/**
 * Open-loop load at a constant arrival rate: request n is due at start + n / rate whatever the
 * earlier answers did, so a slow service meets a growing queue instead of a politely slower client
 * (no coordinated omission). Latency runs from the request's scheduled time to its answer.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const now = options.now ?? (() => performance.now());
  const intervalMs = 1000 / options.ratePerSecond;
  const total = Math.round(
    ((options.warmupMs + options.durationMs) / 1000) * options.ratePerSecond,
  );
  const firstMeasured = Math.round((options.warmupMs / 1000) * options.ratePerSecond);
  const latencies: number[] = [];
  const warmupLatencies: number[] = [];
  const pending = new Set<Promise<void>>();
  let next = 0;
  let sent = 0;
  let errors = 0;
  let dropped = 0;
  const start = now();

  const fire = (index: number) => {
    const scheduledAt = start + index * intervalMs;
    const measured = index >= firstMeasured;
    if (index === firstMeasured) options.onMeasuredStart?.();
    if (pending.size >= options.maxInFlight) {
      if (measured) dropped += 1;
      return;
    }
    if (measured) sent += 1;
    const request = options.send().then(
      (ok) => record(ok),
      () => record(false),
    );
    const record = (ok: boolean) => {
      pending.delete(request);
      if (!measured) {
        if (ok) warmupLatencies.push(now() - scheduledAt);
        return;
      }
      if (ok) latencies.push(now() - scheduledAt);
      else errors += 1;
    };
    pending.add(request);
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((now() - start) / intervalMs) + 1);
      while (next < due) fire(next++);
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(intervalMs, 1)));
    };
    tick();
  });
  await Promise.all(pending);
  return {
    sent,
    errors,
    dropped,
    achievedPerSecond: latencies.length / (options.durationMs / 1000),
    latenciesMs: Float64Array.from(latencies).sort(),
    warmupLatenciesMs: Float64Array.from(warmupLatencies).sort(),
  };
}

/** Nearest-rank percentile of ascending values (p in 0..100); NaN for no values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
