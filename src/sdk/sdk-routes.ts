import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Router from '@koa/router';
import type { Context } from 'koa';
import { AppError } from '../errors/app-error.js';

interface BuiltFile {
  body: Buffer;
  etag: string;
}

/**
 * Serves the browser SDK built by `npm run build:client`: `/sdk/recograph.js` (classic script)
 * and `/sdk/recograph.mjs` (ES module). The URL is not versioned, so browsers keep it for five
 * minutes and then revalidate cheaply with the ETag.
 */
export function createSdkRouter(deps: { clientDistDirectory: string }): Router {
  const cache = new Map<string, BuiltFile | null>();
  const load = (name: string): BuiltFile | null => {
    if (!cache.has(name)) {
      const path = join(deps.clientDistDirectory, name);
      if (!existsSync(path)) return null; // not built yet: look again next time
      const body = readFileSync(path);
      cache.set(name, {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      });
    }
    return cache.get(name) ?? null;
  };
  const router = new Router();
  const serve = (name: string) => (ctx: Context) => {
    const file = load(name);
    if (!file)
      throw new AppError(
        'NOT_FOUND',
        'The SDK is not built: run `npm run build:client` (npm start builds it).',
      );
    ctx.set('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    ctx.etag = file.etag;
    ctx.type = name.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8';
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = file.body;
  };
  router.get('/sdk/recograph.js', serve('recograph.js'));
  router.get('/sdk/recograph.mjs', serve('recograph.mjs'));
  router.get('/sdk/recograph.js.map', serve('recograph.js.map'));
  router.get('/sdk/recograph.mjs.map', serve('recograph.mjs.map'));
  return router;
}
