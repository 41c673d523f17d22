import type { Context, Next } from 'koa';
import { isOriginAllowed, type AuthenticatedSite, type SiteService } from './site-service.js';

const ALLOWED_HEADERS = 'Authorization, Content-Type, If-None-Match, X-Request-Id';
const EXPOSED_HEADERS = 'ETag, Retry-After, Server-Timing, X-Request-Id';

/**
 * CORS for browser-facing routes. A preflight carries no key, so it passes when some site allows
 * the origin; the actual response names the origin only when the key's own site allows it.
 */
export function createCors(sites: SiteService) {
  return async function cors(ctx: Context, next: Next): Promise<void> {
    const origin = ctx.get('origin');
    if (!origin || !ctx.path.startsWith('/v1/')) return next();
    ctx.vary('Origin');
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      if (await sites.isOriginAllowedBySomeSite(origin)) {
        ctx.set('Access-Control-Allow-Origin', origin);
        ctx.set('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
        ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        ctx.set('Access-Control-Max-Age', '600');
      }
      ctx.status = 204;
      return;
    }
    try {
      await next();
    } finally {
      const site = ctx.state.site as AuthenticatedSite | undefined;
      if (site && isOriginAllowed(site, origin)) {
        ctx.set('Access-Control-Allow-Origin', origin);
        ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      }
    }
  };
}
