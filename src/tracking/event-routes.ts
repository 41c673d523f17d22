import Router from '@koa/router';
import { z } from 'zod';
import type { RouteDoc } from '../http/openapi.js';
import { eventSchema } from './event-schema.js';
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
    ctx.set('Cache-Control', 'no-store');
    // The router answers HEAD with the GET route: link checkers and prefetchers track nothing.
    if (ctx.method === 'HEAD') return void (ctx.status = 204);
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
    ctx.status = 204;
  };
  router.get('/track/:type/:user/:itemType/:item', headerOrQueryKey, trackPixel);
  router.get('/track/:type/:user', headerOrQueryKey, trackPixel);
  return router;
}

export const eventRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/events',
    tag: 'tracking',
    auth: 'public',
    summary: 'Track 1–500 events (JSON, or text/plain JSON from sendBeacon with ?key=)',
    body: z.object({ events: z.array(eventSchema).min(1).max(EVENT_BATCH_LIMITS.events) }),
    responses: {
      200: '{ accepted, duplicates, rejected: [{ index, code, field, detail }] }',
      400: 'The body is not an event batch, or no event was accepted',
      401: 'Missing or invalid key',
      403: 'Origin not allowed',
      409: 'Every event reused an id with another payload (EVENT_ID_REUSED)',
      413: 'Body over 512 KiB or more than 500 events',
      503: 'Neo4j unavailable: nothing was stored; retry after Retry-After',
    },
  },
  {
    method: 'get',
    path: '/v1/track/{type}/{user}/{itemType}/{item}',
    tag: 'tracking',
    auth: 'public',
    summary: 'Pixel form of one event (key in the query)',
    responses: {
      204: 'Stored (or a duplicate)',
      400: 'Invalid event',
      401: 'Missing or invalid key',
      503: 'Neo4j unavailable',
    },
  },
  {
    method: 'get',
    path: '/v1/track/{type}/{user}',
    tag: 'tracking',
    auth: 'public',
    summary: 'Pixel form of an event without an item (login)',
    responses: {
      204: 'Stored (or a duplicate)',
      400: 'Invalid event',
      401: 'Missing or invalid key',
    },
  },
];
