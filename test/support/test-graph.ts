import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../src/graph/create-driver.js';
import { createCypherRegistry, type CypherRegistry } from '../../src/graph/cypher-registry.js';
import { createQueryExecutor, type QueryExecutor } from '../../src/graph/query-executor.js';
import { createLogger } from '../../src/logging/logger.js';

export interface TestGraph {
  driver: Driver;
  registry: CypherRegistry;
  executor: QueryExecutor;
  close(): Promise<void>;
}

/** A driver and executor on the run's Neo4j (see global-neo4j.ts). */
export function connectTestGraph(): TestGraph {
  const { uri, username, password } = inject('neo4j');
  const driver = createDriver({ uri, username, password });
  const registry = createCypherRegistry();
  const executor = createQueryExecutor({
    driver,
    registry,
    database: 'neo4j',
    logger: createLogger('silent'),
    defaultTimeoutMs: 20_000,
  });
  return { driver, registry, executor, close: () => driver.close() };
}

/** Tests isolate by site: every test makes its own, and nothing is wiped between tests. */
export function uniqueSiteId(label = 'test'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}
