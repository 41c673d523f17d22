import { Gauge } from 'prom-client';
import type { Metrics } from '../metrics/metrics.js';
import type { PushCause } from './live-messages.js';
import type { RecomputePriority } from './recompute-queue.js';

export interface LiveStats {
  connections: number;
  subscriptions: number;
  recomputes: { running: number; queued: number };
}

/** Prometheus metrics of the live protocol: gauges read at scrape time, pushes counted by cause. */
export function createLiveMetrics(metrics: Metrics, readStats: () => LiveStats) {
  const pushes = metrics.counter(
    'recograph_live_pushes_total',
    'Recommendation lists pushed to live subscriptions, by cause',
    ['cause'] as const,
  );
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  const waits = metrics.histogram(
    'recograph_live_recompute_wait_seconds',
    'Time a live recompute waited for a slot in the queue, by the priority it was queued with (urgent: a user event or a catalogue change; background: similarity changes)',
    ['priority'] as const,
    buckets,
  );
  const ownEventPushes = metrics.histogram(
    'recograph_live_own_event_push_seconds',
    "Time from a user's event reaching this instance's change bus (after its write committed) to the push of their changed list",
    [],
    buckets,
  );
  const runs = metrics.histogram(
    'recograph_live_recompute_seconds',
    'Time the recommender took for a live recompute, by the priority it was queued with',
    ['priority'] as const,
    buckets,
  );
  const gauge = (name: string, help: string, read: (stats: LiveStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(read(readStats()));
      },
    });
  gauge(
    'recograph_live_connections',
    'Open live WebSocket connections',
    (stats) => stats.connections,
  );
  gauge('recograph_live_subscriptions', 'Open live subscriptions', (stats) => stats.subscriptions);
  gauge(
    'recograph_live_recomputes_queued',
    'Live recomputes waiting for a slot',
    (stats) => stats.recomputes.queued,
  );
  return {
    countPush(cause: PushCause, ownEventSeconds?: number): void {
      pushes.inc({ cause });
      if (ownEventSeconds !== undefined) ownEventPushes.observe(ownEventSeconds);
    },
    observeRecompute(waitSeconds: number, runSeconds: number, priority: RecomputePriority): void {
      waits.observe({ priority }, waitSeconds);
      runs.observe({ priority }, runSeconds);
    },
  };
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;
