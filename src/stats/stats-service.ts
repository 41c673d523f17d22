import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import type { Logger } from '../logging/logger.js';
import { createRequestCounter, type RequestCounter } from './request-counter.js';
import {
  buildStatsReport,
  type DailyStatRow,
  type StatsInterval,
  type StatsReport,
} from './stats-report.js';
import { createStatsRollup, type StatsRollup, type StatsRollupDeps } from './stats-rollup.js';

const READ_DAILY_STATS = 'stats/read-daily-stats';

export interface Stats {
  rollup: StatsRollup;
  requests: RequestCounter;
  report(
    siteId: string,
    range: { from: string; to: string; interval: StatsInterval },
  ): Promise<StatsReport>;
  /** Request counts are flushed by every instance; the rollup runs where background work does. */
  start(options: { rollup: boolean }): void;
  stop(): Promise<void>;
}

/**
 * Site statistics (GET /v1/stats): events counted from the graph by the rollup, recommendation
 * requests counted in memory by each instance, both kept as daily counters in Neo4j.
 */
export function createStats(
  deps: {
    executor: QueryExecutor;
    registry: CypherRegistry;
    logger: Logger;
  } & Pick<
    StatsRollupDeps,
    'now' | 'settleMs' | 'intervalMs' | 'maxEvents' | 'writing' | 'writeLoad'
  >,
): Stats {
  deps.registry.get(READ_DAILY_STATS);
  const rollup = createStatsRollup(deps);
  const requests = createRequestCounter(deps);
  return {
    rollup,
    requests,
    async report(siteId, range) {
      const [rows, countedUntil] = await Promise.all([
        deps.executor.run<DailyStatRow>(READ_DAILY_STATS, {
          siteId,
          from: range.from,
          to: range.to,
        }),
        rollup.countedUntil(),
      ]);
      return buildStatsReport(rows, { ...range, countedUntil });
    },
    start(options) {
      requests.start();
      if (options.rollup) rollup.start();
    },
    async stop() {
      await rollup.stop();
      await requests.stop();
    },
  };
}
