import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../logging/logger.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when sane), states the time the service
 * spent on it in `Server-Timing` (`app;dur=` in ms, shown by browsers' developer tools, and what
 * tells a slow network or client pool from a slow service), and logs one line per request.
 */
export function createRequestContext(logger: Logger) {
  return async function requestContext(ctx: Context, next: Next): Promise<void> {
    const incoming = ctx.get('x-request-id');
    const requestId = SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // Koa writes the response after this middleware returns, so the header still goes out.
      if (!ctx.headerSent) ctx.set('Server-Timing', `app;dur=${ms}`);
      const line = { requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms };
      if (ctx.status >= 500) logger.warn(line, 'request');
      else logger.debug(line, 'request');
    }
  };
}
