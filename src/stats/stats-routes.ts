import Router from '@koa/router';
import { z } from 'zod';
import type { RouteDoc } from '../http/openapi.js';
import { validate } from '../http/validate.js';
import { AppError } from '../errors/app-error.js';
import { requireSiteKey, siteOf } from '../sites/authenticate.js';
import type { SiteService } from '../sites/site-service.js';
import { STATS_INTERVALS } from './stats-report.js';
import type { Stats } from './stats-service.js';
import { addDays, dayOf, daysInRange, isCalendarDay } from './utc-days.js';

export const STATS_LIMITS = { maxDays: 400, defaultDays: 30 } as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day as YYYY-MM-DD')
  .refine(isCalendarDay, 'not a calendar day');

const statsQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  interval: z.enum(STATS_INTERVALS).default('day'),
});

/** `GET /v1/stats` (secret key): the site's daily statistics (stats-service.ts). */
export function createStatsRouter(deps: {
  sites: SiteService;
  stats: Stats;
  now?: () => number;
}): Router {
  const now = deps.now ?? Date.now;
  const router = new Router({ prefix: '/v1/stats' });
  router.use(requireSiteKey(deps.sites, { requires: 'secret' }));
  router.get('/', async (ctx) => {
    const { key: _key, ...params } = ctx.query;
    const query = validate(statsQuery, lastOf(params));
    const to =
      query.to ?? (query.from ? addDays(query.from, STATS_LIMITS.defaultDays - 1) : dayOf(now()));
    const from = query.from ?? addDays(to, 1 - STATS_LIMITS.defaultDays);
    if (from > to)
      throw new AppError('VALIDATION_FAILED', 'from: must not be after to', { field: 'from' });
    if (daysInRange(from, to) > STATS_LIMITS.maxDays)
      throw new AppError(
        'VALIDATION_FAILED',
        `to: at most ${STATS_LIMITS.maxDays} days from from; ask for several ranges`,
        { field: 'to' },
      );
    ctx.body = await deps.stats.report(siteOf(ctx).id, { from, to, interval: query.interval });
  });
  return router;
}

function lastOf(query: Record<string, string | string[] | undefined>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      Array.isArray(value) ? value[value.length - 1] : value,
    ]),
  );
}

export const statsRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/stats',
    tag: 'stats',
    auth: 'secret',
    query: statsQuery,
    summary:
      'Daily statistics for UTC days from `from` to `to` (inclusive, YYYY-MM-DD; default the last 30 days, at most 400), by `interval` day, week (ISO, from Monday), month or total: stored events per type, revenue, and per scenario recommendation requests, live subscriptions, impressions, items shown, clicks, CTR, and purchases attributed to a click in the scenario within 7 days with their revenue. Events are counted about a minute after they are stored (`countedUntil`)',
    responses: {
      200: '{ from, to, interval, countedUntil, totals: { start, end, events, revenue, scenarios: { <id>: { requests, subscriptions, impressions, itemsShown, clicks, ctr, purchases, revenue } }, unattributed }, intervals: [same as totals] }',
      400: 'Invalid from, to or interval, from after to, or a range over 400 days',
      401: 'Missing or invalid key',
      403: 'Public key used',
      503: 'Neo4j unavailable; retry after Retry-After',
    },
  },
];
