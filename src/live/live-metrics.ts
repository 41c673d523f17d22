import { Gauge } from 'prom-client';
import type { Metrics } from '../metrics/metrics.js';
import type { PushCause } from './live-messages.js';

export interface LiveStats {
  connections: number;
  subscriptions: number;
  recomputes: { running: number; queued: number };
}

/** Prometheus metrics of the live protocol: gauges read at scrape time, pushes counted by cause. */
export function createLiveMetrics(metrics: Metrics, readStats: () => LiveStats) {
  const pushes = metrics.counter('recograph_live_pushes_total', 'Recommendation lists pushed to live subscriptions, by cause', ['cause'] as const);
  const gauge = (name: string, help: string, read: (stats: LiveStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(read(readStats()));
      },
    });
  gauge('recograph_live_connections', 'Open live WebSocket connections', (stats) => stats.connections);
  gauge('recograph_live_subscriptions', 'Open live subscriptions', (stats) => stats.subscriptions);
  gauge('recograph_live_recomputes_queued', 'Live recomputes waiting for a slot', (stats) => stats.recomputes.queued);
  return {
    countPush(cause: PushCause): void {
      pushes.inc({ cause });
    },
  };
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;
