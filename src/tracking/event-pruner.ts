import { createPeriodicTask } from '../background/periodic-task.js';
import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import type { Logger } from '../logging/logger.js';
import { ROLLUP_CURSOR } from '../stats/stats-rollup.js';

export const PRUNE_DEFAULTS = {
  /** SPEC section 6: idempotency records live at least 7 days. */
  retentionMs: 7 * 24 * 60 * 60_000,
  intervalMs: 60 * 60_000,
  batchSize: 5_000,
  /** Bounds one run; the next run continues. */
  maxBatchesPerRun: 100,
} as const;

const DELETE_OLD_EVENTS = 'tracking/delete-old-events';

export interface EventPruner {
  /**
   * Deletes records stored before now − retention that the statistics rollup has counted, in
   * bounded batches; returns how many. Uncounted records wait for the rollup, however old.
   */
  pruneOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** Background deletion of old idempotency records (Event nodes); interactions keep their counters. */
export interface EventPrunerDeps {
  executor: QueryExecutor;
  registry: CypherRegistry;
  logger: Logger;
  now?: () => number;
  retentionMs?: number;
  intervalMs?: number;
  /** The rollup cursor that says which records are counted (tests use their own). */
  cursor?: string;
}

export function createEventPruner(deps: EventPrunerDeps): EventPruner {
  deps.registry.get(DELETE_OLD_EVENTS);
  const now = deps.now ?? Date.now;
  const retentionMs = deps.retentionMs ?? PRUNE_DEFAULTS.retentionMs;
  const intervalMs = deps.intervalMs ?? PRUNE_DEFAULTS.intervalMs;

  async function pruneOnce(): Promise<number> {
    const before = now() - retentionMs;
    let total = 0;
    for (let batch = 0; batch < PRUNE_DEFAULTS.maxBatchesPerRun; batch += 1) {
      const [row] = await deps.executor.run<{ deleted: number }>(DELETE_OLD_EVENTS, {
        before,
        cursor: deps.cursor ?? ROLLUP_CURSOR,
        limit: PRUNE_DEFAULTS.batchSize,
      });
      total += row?.deleted ?? 0;
      if ((row?.deleted ?? 0) < PRUNE_DEFAULTS.batchSize) break;
    }
    if (total > 0) deps.logger.info({ deleted: total }, 'pruned old event idempotency records');
    return total;
  }

  const task = createPeriodicTask(pruneOnce, {
    intervalMs,
    onError: (error) =>
      deps.logger.warn({ err: error }, 'pruning old events failed; next run will retry'),
  });
  return { pruneOnce, start: task.start, stop: task.stop };
}
