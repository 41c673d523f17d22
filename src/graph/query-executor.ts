import neo4j, { type Driver, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { Logger } from '../logging/logger.js';
import type { CypherRegistry } from './cypher-registry.js';
import { translateGraphError } from './graph-errors.js';

/** Neo4jError.retriable: transient errors and lost connections (the driver's own retry test). */
function isRetriable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { retriable?: unknown }).retriable === true
  );
}

export interface QueryOptions {
  /** Overrides the executor's default timeout for this query. */
  timeoutMs?: number;
  /** Added to the transaction metadata (visible in `SHOW TRANSACTIONS` and the query log). */
  metadata?: Record<string, string | number>;
}

/**
 * The one way queries reach Neo4j: by registered name, with a timeout and transaction metadata,
 * read or write routing from the statement's header, driver errors translated to AppError, and
 * transient failures retried here, after a short wait.
 */
export interface QueryExecutor {
  run<T extends RecordShape = RecordShape>(
    name: string,
    params?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<T[]>;
  /** For statements that need the full result (EXPLAIN, counters). */
  runRaw(
    name: string,
    params?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<QueryResult>;
  /** Runs ad hoc text (migrations, EXPLAIN checks): never used for request-path queries. */
  runText(
    text: string,
    params?: Record<string, unknown>,
    options?: QueryOptions & { mode?: 'read' | 'write' },
  ): Promise<QueryResult>;
  ping(): Promise<void>;
}

export interface QueryExecutorDeps {
  driver: Driver;
  registry: CypherRegistry;
  database: string;
  logger: Logger;
  defaultTimeoutMs: number;
  maxRetryTimeMs?: number;
  /** Told every statement's duration, retries included (the service's query histogram). */
  observe?: (name: string, seconds: number, outcome: 'ok' | 'error') => void;
}

export function createQueryExecutor(deps: QueryExecutorDeps): QueryExecutor {
  const { driver, registry, database, logger, defaultTimeoutMs } = deps;
  const maxRetryTimeMs = deps.maxRetryTimeMs ?? 5_000;

  /**
   * Every statement runs as an auto-commit transaction: RUN and PULL in one round trip, committed
   * before the last answer arrives (so a write is durable when its promise resolves). An explicit
   * transaction added BEGIN and COMMIT, two more round trips and socket writes each way: about
   * 1.3 ms more per event flush alone, and a fifth of the service's CPU under single-event load
   * went to Bolt writes on this 2-core machine. A statement is atomic either way. Transient
   * failures (a leader switch, a deadlock victim) are retried here, within maxRetryTimeMs.
   */
  async function execute(
    name: string,
    text: string,
    mode: 'read' | 'write',
    params: Record<string, unknown>,
    options: QueryOptions,
  ) {
    const session = driver.session({
      database,
      defaultAccessMode: mode === 'write' ? neo4j.session.WRITE : neo4j.session.READ,
    });
    const config = {
      timeout: options.timeoutMs ?? defaultTimeoutMs,
      metadata: { app: 'recograph', query: name, ...options.metadata },
    };
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'error';
    try {
      const result = await runWithRetries(
        name,
        () => withoutDriverStack(() => session.run(text, params, config)),
        started,
      );
      outcome = 'ok';
      return result;
    } catch (error) {
      const translated = translateGraphError(error, name);
      logger.warn({ query: name, code: translated.code, err: error }, 'graph query failed');
      throw translated;
    } finally {
      const ms = performance.now() - started;
      deps.observe?.(name, ms / 1_000, outcome);
      logger.trace({ query: name, ms: Math.round(ms) }, 'graph query');
      await session.close();
    }
  }

  /**
   * Retries transient failures after 25–50 ms, doubling up to 1 s, within maxRetryTimeMs. The
   * driver's own retry of managed transactions waits 1 s before the first retry, which turned every
   * deadlock between an event flush and the similarity refresher into a one-second POST.
   */
  async function runWithRetries(
    name: string,
    attempt: () => Promise<QueryResult>,
    started: number,
  ): Promise<QueryResult> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt();
      } catch (error) {
        const delayMs = Math.min(1_000, 50 * 2 ** retry) * (0.5 + Math.random() / 2);
        if (!isRetriable(error) || performance.now() - started + delayMs > maxRetryTimeMs)
          throw error;
        logger.debug(
          {
            query: name,
            retry: retry + 1,
            delayMs: Math.round(delayMs),
            code: (error as { code?: string }).code,
          },
          'graph query retried after a transient failure',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
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

/**
 * Runs a driver call that creates a result with stack traces off. The driver captures and formats
 * a stack trace for every result, only to decorate its errors with the caller's stack: under load
 * that was about 7 % of the service's CPU (bench:live profile). Our errors name the query instead.
 */
function withoutDriverStack<T>(call: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return call();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
