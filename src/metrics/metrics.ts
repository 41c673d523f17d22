import type { Context, Next } from 'koa';
import Router from '@koa/router';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per service instance (no global default registry), so tests can build many. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'recograph_' });
  const httpDuration = new Histogram({
    name: 'recograph_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    registry,
    httpDuration,
    counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
      return new Counter({ name, help, labelNames, registers: [registry] });
    },
    /** A value read when Prometheus scrapes (sizes, counters kept elsewhere). */
    observed<L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[],
      read: () => { labels: Record<L, string>; value: number }[],
    ) {
      return new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        collect() {
          for (const { labels, value } of read()) this.set(labels, value);
        },
      });
    },
    histogram<L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[] = [],
      buckets?: number[],
    ) {
      return new Histogram({
        name,
        help,
        labelNames,
        registers: [registry],
        ...(buckets && { buckets }),
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Times every request; the route label is the router's pattern, so ids never explode cardinality. */
export function createHttpMetricsMiddleware(metrics: Metrics) {
  return async function httpMetrics(ctx: Context, next: Next): Promise<void> {
    const end = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      end({ method: ctx.method, route: String(route), status: String(ctx.status) });
    }
  };
}

export function createMetricsRouter(metrics: Metrics): Router {
  const router = new Router();
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
