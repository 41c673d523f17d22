import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-catalogue.js';
import { readJsonBody } from '../http/read-json-body.js';
import { requireSiteKey, siteOf } from '../sites/authenticate.js';
import type { SiteService } from '../sites/site-service.js';
import { assertSomethingAccepted, EVENT_BATCH_LIMITS, readEventBatch } from './event-batch.js';
import type { EventIngestor } from './event-ingestor.js';
import { toPixelEvent } from './pixel-event.js';

/** `POST /v1/events` (JSON, or text/plain from sendBeacon) and the pixel `GET /v1/track/…`. */
export function createEventRouter(deps: { sites: SiteService; ingestor: EventIngestor }): Router {
  const { sites, ingestor } = deps;
  const router = new Router({ prefix: '/v1' });
  const headerKey = requireSiteKey(sites, { requires: 'public' });
  const headerOrQueryKey = requireSiteKey(sites, { requires: 'public', allowQueryKey: true });
  // A beacon cannot set headers, so its key travels in the query; JSON requests must use the header.
  const eventsKey = (ctx: Context, next: Next) =>
    ctx.request.type === 'text/plain' ? headerOrQueryKey(ctx, next) : headerKey(ctx, next);

  router.post('/events', eventsKey, async (ctx) => {
    const body = await readJsonBody(ctx, {
      limitBytes: EVENT_BATCH_LIMITS.bodyBytes,
      allowTextPlain: true,
    });
    const result = await ingestor.ingest(siteOf(ctx), readEventBatch(body), { source: 'http' });
    assertSomethingAccepted(result);
    ctx.body = result;
  });

  const trackPixel = async (ctx: Context) => {
    const event = toPixelEvent(ctx.params as Record<string, string>, ctx.query);
    const result = await ingestor.ingest(siteOf(ctx), [event], {
      source: 'pixel',
      fieldPrefix: '',
    });
    const rejection = result.rejected[0];
    if (rejection) {
      const field = rejection.field?.replace(/^0\/?/, '');
      throw new AppError(
        rejection.code as ErrorCode,
        rejection.detail.replace(/^0\/?/, ''),
        field ? { field } : {},
      );
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 204;
  };
  router.get('/track/:type/:user/:itemType/:item', headerOrQueryKey, trackPixel);
  router.get('/track/:type/:user', headerOrQueryKey, trackPixel);
  return router;
}
