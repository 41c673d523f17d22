import Router from '@koa/router';
import { AppError } from '../errors/app-error.js';
import type { QueryExecutor } from '../graph/query-executor.js';

export interface Readiness {
  schemaApplied: boolean;
  shuttingDown: boolean;
}

/** Liveness says the process serves HTTP; readiness says it can do its job (Neo4j answers, schema applied). */
export function createHealthRouter(deps: { executor: QueryExecutor; readiness: Readiness }): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const { readiness } = deps;
    if (readiness.shuttingDown) throw new AppError('NOT_READY', 'The service is shutting down.', { retryAfterSeconds: 1 });
    if (!readiness.schemaApplied) throw new AppError('NOT_READY', 'The graph schema is not applied yet.', { retryAfterSeconds: 2 });
    try {
      await deps.executor.ping();
    } catch {
      throw new AppError('NEO4J_UNAVAILABLE', 'Neo4j does not answer.', { retryAfterSeconds: 2 });
    }
    ctx.body = { status: 'ready', neo4j: 'ok', schema: 'applied' };
  });
  return router;
}
