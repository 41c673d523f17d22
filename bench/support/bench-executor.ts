import type { Driver } from 'neo4j-driver';
import { createCypherRegistry } from '../../src/graph/cypher-registry.js';
import { createQueryExecutor, type QueryExecutor } from '../../src/graph/query-executor.js';
import { createLogger } from '../../src/logging/logger.js';

/** The project's statements run from a benchmark's own process: quiet, with a long timeout. */
export function createBenchExecutor(
  driver: Driver,
  options: { database?: string; timeoutMs: number },
): QueryExecutor {
  return createQueryExecutor({
    driver,
    registry: createCypherRegistry(),
    database: options.database ?? 'neo4j',
    logger: createLogger('silent'),
    defaultTimeoutMs: options.timeoutMs,
  });
}
