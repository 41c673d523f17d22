import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import type { Logger } from '../logging/logger.js';
import { createPeriodicTask } from '../background/periodic-task.js';
import { sortCounters, type StatCounter } from './stats-counters.js';
import { dayOf } from './utc-days.js';

const ADD_COUNTERS = 'stats/add-counters';

/** How a recommendation was asked for: an HTTP request, or a live subscription's first list. */
export type RequestKind = 'requests' | 'subscriptions';

export interface RequestCounter {
  count(siteId: string, scenario: string, kind: RequestKind): void;
  /** Adds the counts so far to the daily counters; kept for the next flush if that fails. */
  flush(): Promise<void>;
  start(): void;
  /** Stops the timer and flushes what is left. */
  stop(): Promise<void>;
}

/**
 * Recommendation requests per site, day and scenario, counted in memory on the request path
 * (no write per request) and added to the daily counters every few seconds. A crash loses at
 * most the counts of one interval; events, unlike requests, are counted from the graph.
 */
export function createRequestCounter(deps: {
  executor: QueryExecutor;
  registry: CypherRegistry;
  logger: Logger;
  now?: () => number;
  intervalMs?: number;
}): RequestCounter {
  deps.registry.get(ADD_COUNTERS);
  const now = deps.now ?? Date.now;
  let pending = new Map<string, StatCounter>();
  let flushing: Promise<void> | undefined;

  function add(into: Map<string, StatCounter>, counter: StatCounter): void {
    const key = JSON.stringify([counter.siteId, counter.day, counter.scenario, counter.metric]);
    const existing = into.get(key);
    if (existing) existing.value += counter.value;
    else into.set(key, { ...counter });
  }

  async function flushPending(): Promise<void> {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    try {
      await deps.executor.run(ADD_COUNTERS, { counters: sortCounters([...batch.values()]) });
    } catch (error) {
      for (const counter of batch.values()) add(pending, counter);
      throw error;
    }
  }

  function flush(): Promise<void> {
    // one flush at a time: a second waits for the first, then adds what came meanwhile
    const next = (flushing ?? Promise.resolve())
      .catch(() => undefined)
      .then(flushPending)
      .finally(() => {
        if (flushing === next) flushing = undefined;
      });
    flushing = next;
    return next;
  }

  const task = createPeriodicTask(flush, {
    intervalMs: deps.intervalMs ?? 10_000,
    onError: (error) =>
      deps.logger.warn({ err: error }, 'statistics: request counts kept for the next flush'),
  });

  return {
    count(siteId, scenario, kind) {
      add(pending, { siteId, day: dayOf(now()), scenario, metric: kind, currency: '', value: 1 });
    },
    flush,
    start: task.start,
    async stop() {
      await task.stop();
      await flush().catch((error: unknown) =>
        deps.logger.warn({ err: error }, 'statistics: request counts lost at shutdown'),
      );
    },
  };
}
