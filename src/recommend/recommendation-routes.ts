import Router from '@koa/router';
import { z } from 'zod';
import { CATALOG_LIMITS, attributeName, itemType } from '../catalog/item-schema.js';
import { validate } from '../http/validate.js';
import { requireSiteKey, siteOf } from '../sites/authenticate.js';
import type { SiteService } from '../sites/site-service.js';
import { computeEtag, matchesIfNoneMatch } from './recommendation-identity.js';
import type { Recommender } from './recommender.js';
import { SCENARIO_LIMITS, scenarioId } from './scenario-config.js';

const itemIdText = z.string().min(1).max(CATALOG_LIMITS.idLength);

export const REQUEST_LIMITS = { context: 20, exclude: 200 } as const;

/** A comma-separated query parameter (repeated parameters are joined). */
const list = (element: z.ZodType<string, string>, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value.join(',') : value)
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(element).max(max));

export const recommendationQuery = z.object({
  user: z.string().min(1).max(256).optional(),
  context: list(itemIdText, REQUEST_LIMITS.context).optional(),
  itemType: itemType.optional(),
  limit: z.coerce.number().int().min(1).max(SCENARIO_LIMITS.limit).optional(),
  category: z
    .string()
    .regex(/^(\/[^/]+)+$/, 'a path like /shoes/running')
    .optional(),
  exclude: list(itemIdText, REQUEST_LIMITS.exclude).optional(),
  attributes: list(attributeName, SCENARIO_LIMITS.attributes).optional(),
});

/** `GET /v1/recommendations/{scenario}` (public key): the list, its ETag, and 304 when unchanged. */
export function createRecommendationRouter(deps: {
  sites: SiteService;
  recommender: Recommender;
  /** An answered request (200 or 304), for the statistics. */
  onAnswered?(siteId: string, scenario: string): void;
}): Router {
  const router = new Router({ prefix: '/v1/recommendations' });
  router.get('/:scenario', requireSiteKey(deps.sites, { requires: 'public' }), async (ctx) => {
    const scenario = validate(scenarioId, ctx.params.scenario, 'scenario');
    const query = validate(recommendationQuery, single(ctx.query));
    const recommendation = await deps.recommender.recommend(siteOf(ctx).id, { scenario, ...query });
    deps.onAnswered?.(siteOf(ctx).id, scenario);
    const etag = computeEtag(recommendation.items);
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', 'private, no-cache');
    if (matchesIfNoneMatch(ctx.get('if-none-match') || undefined, etag)) {
      ctx.status = 304;
      return;
    }
    ctx.body = recommendation;
  });
  return router;
}

/** Drops the `key` parameter (authentication) and keeps every other parameter as sent. */
function single(query: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const { key: _key, ...rest } = query;
  return Object.fromEntries(
    Object.entries(rest).map(([name, value]) => [
      name,
      Array.isArray(value) && name !== 'context' && name !== 'exclude' && name !== 'attributes'
        ? value[value.length - 1]
        : value,
    ]),
  );
}
