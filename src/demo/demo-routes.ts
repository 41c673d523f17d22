import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Router from '@koa/router';
import type { Context } from 'koa';
import { AppError } from '../errors/app-error.js';
import {
  renderCategoryPage,
  renderHomePage,
  renderProductImage,
  renderProductPage,
} from './demo-pages.js';
import type { DemoState } from './demo-site.js';

/** `/demo`: the demo shop's pages, product pictures and assets. */
export function createDemoRouter(deps: { state: DemoState; assetsDirectory: string }): Router {
  const { state } = deps;
  const assets = new Map(
    [
      ['demo.css', 'text/css'],
      ['event-panel.js', 'text/javascript'],
      ['shop.js', 'text/javascript'],
    ].map(([name, type]) => [
      name!,
      { type: type!, body: readFileSync(join(deps.assetsDirectory, name!)) },
    ]),
  );
  const html = (ctx: Context, page: string | undefined) => {
    if (page === undefined) throw new AppError('NOT_FOUND', `No demo page at ${ctx.path}.`);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page;
  };
  const router = new Router({ prefix: '/demo' });
  router.get('/', (ctx) => html(ctx, renderHomePage(state)));
  router.get('/category/:top/:leaf', (ctx) =>
    html(ctx, renderCategoryPage(state, `/${ctx.params.top}/${ctx.params.leaf}`)),
  );
  router.get('/product/:id', (ctx) => html(ctx, renderProductPage(state, ctx.params.id!)));
  router.get('/img/:file', (ctx) => {
    const product = state.products.find((p) => `${p.id}.svg` === ctx.params.file);
    if (!product) throw new AppError('NOT_FOUND', 'No such product picture.');
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = renderProductImage(product);
  });
  router.get('/assets/:name', (ctx) => {
    const asset = assets.get(ctx.params.name!);
    if (!asset) throw new AppError('NOT_FOUND', 'No such asset.');
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = asset.body;
  });
  return router;
}
