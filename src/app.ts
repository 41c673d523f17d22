import Koa from 'koa';
import type Router from '@koa/router';
import type { Logger } from './logging/logger.js';
import { createProblemMiddleware } from './http/problem-middleware.js';
import { createRequestContext } from './http/request-context.js';

export interface AppDeps {
  logger: Logger;
  routers: Router[];
  /** Middleware that must run before routing (CORS, metrics). */
  middleware?: Koa.Middleware[];
}

/** Builds the Koa application without listening, so tests drive it in-process. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: false });
  app.silent = true; // the problem middleware logs; Koa's default handler would print to stderr
  app.use(createRequestContext(deps.logger));
  app.use(createProblemMiddleware(deps.logger));
  for (const middleware of deps.middleware ?? []) app.use(middleware);
  for (const router of deps.routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
