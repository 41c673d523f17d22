import Router from '@koa/router';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import { validate } from '../http/validate.js';
import { requireSiteKey, siteOf } from '../sites/authenticate.js';
import type { SiteService } from '../sites/site-service.js';
import type { Catalog } from './catalog-service.js';
import {
  CATALOG_LIMITS,
  catalogItem,
  itemBatchEnvelope,
  itemId,
  itemType,
  type CatalogItem,
} from './item-schema.js';

const itemPath = z.object({ type: itemType, id: itemId });

/** Catalogue routes (secret key): upsert one item or a batch, read one, delete one. */
export function createCatalogRouter(deps: { sites: SiteService; catalog: Catalog }): Router {
  const { catalog } = deps;
  const router = new Router({ prefix: '/v1/items' });
  router.use(requireSiteKey(deps.sites, { requires: 'secret' }));

  router.put('/:type/:id', async (ctx) => {
    const path = validate(itemPath, ctx.params);
    const body = await readJsonBody(ctx, { limitBytes: CATALOG_LIMITS.itemBodyBytes });
    const item = validate(catalogItem, withPathIdentity(body, path));
    await catalog.upsertItems(siteOf(ctx).id, [item]);
    ctx.body = await catalog.getItem(siteOf(ctx).id, item.type, item.id);
  });

  router.post('/', async (ctx) => {
    const envelope = validate(
      itemBatchEnvelope,
      await readJsonBody(ctx, { limitBytes: CATALOG_LIMITS.batchBodyBytes }),
    );
    if (envelope.items.length > CATALOG_LIMITS.batchItems) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `A batch holds at most ${CATALOG_LIMITS.batchItems} items; got ${envelope.items.length}.`,
        { field: 'items' },
      );
    }
    const items: CatalogItem[] = envelope.items.map((item, index) =>
      validate(catalogItem, item, `items/${index}`),
    );
    ctx.body = await catalog.upsertItems(siteOf(ctx).id, items);
  });

  router.get('/:type/:id', async (ctx) => {
    const path = validate(itemPath, ctx.params);
    ctx.body = await catalog.getItem(siteOf(ctx).id, path.type, path.id);
  });

  router.delete('/:type/:id', async (ctx) => {
    const path = validate(itemPath, ctx.params);
    await catalog.deleteItem(siteOf(ctx).id, path.type, path.id);
    ctx.status = 204;
  });
  return router;
}

/** The path names the item; a body may repeat its type and id but not contradict them. */
function withPathIdentity(body: unknown, path: { type: string; id: string }): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  for (const field of ['type', 'id'] as const) {
    if (record[field] !== undefined && String(record[field]) !== path[field]) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${field}: the body says "${String(record[field])}" but the path says "${path[field]}".`,
        { field },
      );
    }
  }
  return { ...record, type: path.type, id: path.id };
}
