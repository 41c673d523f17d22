import Router from '@koa/router';
import { z } from 'zod';
import type { RouteDoc } from '../http/openapi.js';
import { validate } from '../http/validate.js';
import { requireSiteKey, siteOf } from '../sites/authenticate.js';
import type { SiteService } from '../sites/site-service.js';
import { userId } from './event-schema.js';
import type { UserErasure } from './user-erasure.js';

const userPath = z.object({ id: userId });

/** `DELETE /v1/users/{id}` (secret key): erase a user (user-erasure.ts). */
export function createUserRouter(deps: { sites: SiteService; erasure: UserErasure }): Router {
  const router = new Router({ prefix: '/v1/users' });
  router.use(requireSiteKey(deps.sites, { requires: 'secret' }));
  router.delete('/:id', async (ctx) => {
    const path = validate(userPath, ctx.params);
    ctx.body = await deps.erasure.eraseUser(siteOf(ctx).id, path.id);
  });
  return router;
}

export const userRouteDocs: RouteDoc[] = [
  {
    method: 'delete',
    path: '/v1/users/{id}',
    tag: 'tracking',
    auth: 'secret',
    summary:
      'Erase a user: their interactions, the anonymous ids merged into them, the personal fields of their stored events and their influence on similarity and popularity (recomputed within seconds). Idempotent',
    responses: {
      200: '{ usersErased, eventsScrubbed, itemsRefreshing } (all 0 when there is nothing left to erase)',
      400: 'Invalid user id',
      401: 'Missing or invalid key',
      403: 'Public key used',
      503: 'Neo4j unavailable: nothing was erased; retry after Retry-After',
    },
  },
];
