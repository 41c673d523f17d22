import Router from '@koa/router';
import type { RouteDoc } from '../http/openapi.js';
import { z } from 'zod';
import { readJsonBody } from '../http/read-json-body.js';
import { validate } from '../http/validate.js';
import { requireAdminToken, requireSiteKey, siteOf } from './authenticate.js';
import type { SiteService } from './site-service.js';

const origin = z.union([z.literal('*'), z.url().transform((value) => new URL(value).origin)]);
export const createSiteBody = z.object({
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(origin).max(100).default([]),
});
export const rotateKeysBody = z.object({
  which: z.enum(['public', 'secret', 'both']).default('both'),
});
export const updateSiteBody = z.object({ allowedOrigins: z.array(origin).max(100) });

/** Admin routes: create sites, rotate keys, change allowed origins. */
export function createSiteRouter(deps: {
  sites: SiteService;
  adminToken: string | undefined;
}): Router {
  const router = new Router({ prefix: '/v1/admin/sites' });
  router.use(requireAdminToken(deps.adminToken));
  router.post('/', async (ctx) => {
    const body = validate(createSiteBody, await readJsonBody(ctx, { limitBytes: 64 * 1024 }));
    ctx.status = 201;
    ctx.body = await deps.sites.createSite(body);
  });
  router.post('/:id/keys', async (ctx) => {
    const raw = ctx.request.length ? await readJsonBody(ctx, { limitBytes: 4 * 1024 }) : {};
    const { which } = validate(rotateKeysBody, raw);
    ctx.body = await deps.sites.rotateKeys(ctx.params.id!, which);
  });
  router.patch('/:id', async (ctx) => {
    const body = validate(updateSiteBody, await readJsonBody(ctx, { limitBytes: 64 * 1024 }));
    ctx.body = await deps.sites.updateOrigins(ctx.params.id!, body.allowedOrigins);
  });
  return router;
}

/** `GET /v1/whoami`: which site and key kind a key resolves to (for integrators checking their setup). */
export function createWhoAmIRouter(deps: { sites: SiteService }): Router {
  const router = new Router({ prefix: '/v1' });
  router.get('/whoami', requireSiteKey(deps.sites, { requires: 'public' }), (ctx) => {
    const site = siteOf(ctx);
    ctx.body = {
      siteId: site.id,
      name: site.name,
      keyKind: site.keyKind,
      allowedOrigins: site.allowedOrigins,
    };
  });
  return router;
}

export const siteRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/admin/sites',
    tag: 'sites',
    auth: 'admin',
    summary: 'Create a site and its keys',
    body: createSiteBody,
    responses: {
      201: 'The site with its public and secret keys (shown once)',
      400: 'Invalid body',
      401: 'Missing or wrong admin token',
    },
  },
  {
    method: 'post',
    path: '/v1/admin/sites/{id}/keys',
    tag: 'sites',
    auth: 'admin',
    summary: 'Rotate the public and/or secret key',
    body: rotateKeysBody,
    responses: { 200: 'The new key(s)', 401: 'Missing or wrong admin token', 404: 'No such site' },
  },
  {
    method: 'patch',
    path: '/v1/admin/sites/{id}',
    tag: 'sites',
    auth: 'admin',
    summary: 'Replace the allowed browser origins',
    body: updateSiteBody,
    responses: { 200: 'The site', 404: 'No such site' },
  },
  {
    method: 'get',
    path: '/v1/whoami',
    tag: 'sites',
    auth: 'public',
    summary: 'The site and key kind a key resolves to',
    responses: { 200: 'Site id, name, key kind', 401: 'Invalid key', 403: 'Origin not allowed' },
  },
];
