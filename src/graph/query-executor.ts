import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { Logger } from '../logging/logger.js';
import type { CypherRegistry } from './cypher-registry.js';
import { translateGraphError } from './graph-errors.js';

export interface QueryOptions {
  /** Overrides the executor's default timeout for this query. */
  timeoutMs?: number;
  /** Added to the transaction metadata (visible in `SHOW TRANSACTIONS` and the query log). */
  metadata?: Record<string, string | number>;
}

/**
 * The one way queries reach Neo4j: by registered name, with a timeout and transaction metadata,
 * read or write routing from the statement's header, driver errors translated to AppError, and
 * transient failures retried (the driver's managed transactions retry writes for us).
 */
export interface QueryExecutor {
  run<T extends RecordShape = RecordShape>(name: string, params?: Record<string, unknown>, options?: QueryOptions): Promise<T[]>;
  /** For statements that need the full result (EXPLAIN, counters). */
  runRaw(name: string, params?: Record<string, unknown>, options?: QueryOptions): Promise<QueryResult>;
  /** Runs ad hoc text (migrations, EXPLAIN checks): never used for request-path queries. */
  runText(text: string, params?: Record<string, unknown>, options?: QueryOptions & { mode?: 'read' | 'write' }): Promise<QueryResult>;
  ping(): Promise<void>;
}

export interface QueryExecutorDeps {
  driver: Driver;
  registry: CypherRegistry;
  database: string;
  logger: Logger;
  defaultTimeoutMs: number;
  maxRetryTimeMs?: number;
}

export function createQueryExecutor(deps: QueryExecutorDeps): QueryExecutor {
  const { driver, registry, database, logger, defaultTimeoutMs } = deps;

  async function execute(name: string, text: string, mode: 'read' | 'write', params: Record<string, unknown>, options: QueryOptions) {
    const session = driver.session({ database, defaultAccessMode: mode === 'write' ? neo4j.session.WRITE : neo4j.session.READ });
    const config = { timeout: options.timeoutMs ?? defaultTimeoutMs, metadata: { app: 'recograph', query: name, ...options.metadata } };
    const started = performance.now();
    try {
      const work = async (tx: ManagedTransaction) => tx.run(text, params);
      return mode === 'write' ? await session.executeWrite(work, config) : await session.executeRead(work, config);
    } catch (error) {
      const translated = translateGraphError(error, name);
      logger.warn({ query: name, code: translated.code, err: error }, 'graph query failed');
      throw translated;
    } finally {
      logger.trace({ query: name, ms: Math.round(performance.now() - started) }, 'graph query');
      await session.close();
    }
  }

  return {
    async run(name, params = {}, options = {}) {
      const statement = registry.get(name);
      const result = await execute(name, statement.text, statement.mode, params, options);
      return result.records.map((record) => record.toObject()) as never;
    },
    runRaw(name, params = {}, options = {}) {
      const statement = registry.get(name);
      return execute(name, statement.text, statement.mode, params, options);
    },
    runText(text, params = {}, options = {}) {
      return execute('ad-hoc', text, options.mode ?? 'write', params, options);
    },
    async ping() {
      await execute('ping', 'RETURN 1 AS ok', 'read', {}, { timeoutMs: 2_000 });
    },
  };
}
