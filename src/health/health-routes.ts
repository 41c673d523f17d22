import Router from '@koa/router';
import { AppError } from '../errors/app-error.js';
import type { RouteDoc } from '../http/openapi.js';
import type { QueryExecutor } from '../graph/query-executor.js';

export interface Readiness {
  schemaApplied: boolean;
  shuttingDown: boolean;
}

/** Liveness says the process serves HTTP; readiness says it can do its job (Neo4j answers, schema applied). */
export function createHealthRouter(deps: {
  executor: QueryExecutor;
  readiness: Readiness;
}): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const { readiness } = deps;
    if (readiness.shuttingDown)
      throw new AppError('NOT_READY', 'The service is shutting down.', { retryAfterSeconds: 1 });
    if (!readiness.schemaApplied)
      throw new AppError('NOT_READY', 'The graph schema is not applied yet.', {
        retryAfterSeconds: 2,
      });
    try {
      await deps.executor.ping();
    } catch {
      throw new AppError('NEO4J_UNAVAILABLE', 'Neo4j does not answer.', { retryAfterSeconds: 2 });
    }
    ctx.body = { status: 'ready', neo4j: 'ok', schema: 'applied' };
  });
  return router;
}

export const healthRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    tag: 'health',
    auth: 'none',
    summary: 'Liveness',
    responses: { 200: 'The process serves HTTP' },
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'health',
    auth: 'none',
    summary: 'Readiness: Neo4j answers and the schema is applied',
    responses: { 200: 'Ready', 503: 'Not ready (with Retry-After)' },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'health',
    auth: 'none',
    summary: 'Prometheus metrics',
    responses: { 200: 'Metrics in the Prometheus text format' },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    tag: 'health',
    auth: 'none',
    summary: 'This document',
    responses: { 200: 'OpenAPI 3.1' },
  },
];
