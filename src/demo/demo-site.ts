import type { Logger } from '../logging/logger.js';
import type { SiteService } from '../sites/site-service.js';
import { generateDemoCatalog, type DemoProduct } from './demo-catalog.js';
import { generateDemoHistory } from './demo-history.js';

export const DEMO_SITE_ID = 'demo';

export interface DemoState {
  siteId: string;
  products: DemoProduct[];
  /** Set once the shop is stocked and its lists are filled: only then do the pages load the SDK. */
  publicKey: string | undefined;
}

const ATTRIBUTES = ['title', 'price', 'currency', 'image', 'url'];

/** The demo's own placements, on top of the defaults every site gets (home, product-page, …). */
export const DEMO_SCENARIOS = {
  'demo-also-bought': {
    models: ['also_bought', 'also_viewed', 'similar_content', 'popular'],
    limit: 6,
    filters: { excludeContext: true, availableOnly: true, excludeEventTypes: ['hide'] },
    attributes: ATTRIBUTES,
  },
  'demo-recently-viewed': {
    models: ['recently_viewed'],
    limit: 6,
    filters: { excludeContext: true, availableOnly: true, excludeEventTypes: ['hide'] },
    attributes: ATTRIBUTES,
  },
  'demo-popular': {
    models: ['popular'],
    limit: 6,
    filters: { availableOnly: true, excludeEventTypes: ['hide'] },
    attributes: ATTRIBUTES,
  },
};

/** How long the shop waits for the refresher to score the seeded history before it opens anyway. */
const STOCKING_WAIT_MS = 120_000;

/**
 * Makes sure the demo site exists and is stocked. The site keeps a well-known id; its keys are
 * rotated on every start because only their hashes are stored. Catalogue, scenarios and history go
 * through the service's own public HTTP API, exactly as a real shop's back end would send them.
 */
export async function prepareDemoSite(deps: {
  sites: SiteService;
  baseUrl: string;
  logger: Logger;
  state: DemoState;
}): Promise<void> {
  const { sites, baseUrl, logger, state } = deps;
  const existing = await sites.findSite(state.siteId);
  const keys = existing
    ? await sites.rotateKeys(state.siteId, 'both')
    : await sites.createSite({
        id: state.siteId,
        name: 'Fjord & Field (demo shop)',
        allowedOrigins: ['*'],
      });
  const send = async (method: string, path: string, body?: unknown, key = keys.secretKey!) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(
        `demo seeding: ${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    return response.json() as Promise<unknown>;
  };

  for (const [id, scenario] of Object.entries(DEMO_SCENARIOS))
    await send('PUT', `/v1/scenarios/${id}`, scenario);
  // Upserting the catalogue is idempotent, so it is sent on every start (a start stopped half-way heals).
  await send('POST', '/v1/items', {
    items: state.products.map((product) => toCatalogItem(product, baseUrl)),
  });
  const popularIsFull = async () =>
    (
      (await send(
        'GET',
        '/v1/recommendations/demo-popular?limit=6',
        undefined,
        keys.publicKey,
      )) as { items: unknown[] }
    ).items.length >= 6;
  // A new shop gets a week of history; so does one whose history has aged out of the popularity window.
  if (!existing || !(await popularIsFull())) {
    logger.info({ products: state.products.length }, 'demo: stocking the shop');
    const history = generateDemoHistory(state.products, { now: Date.now() });
    for (let offset = 0; offset < history.length; offset += 500) {
      await send('POST', '/v1/events', { events: history.slice(offset, offset + 500) });
    }
    logger.info({ events: history.length }, 'demo: shoppers history stored');
  }
  if (!(await waitFor(popularIsFull, STOCKING_WAIT_MS))) {
    logger.warn('demo: the popular list is still filling; opening the shop anyway');
  }
  state.publicKey = keys.publicKey;
  logger.info({ url: `${baseUrl}/demo` }, 'demo shop ready');
}

/** The catalogue wants absolute URLs; the pages show only their paths, so any host name works. */
export function toCatalogItem(product: DemoProduct, baseUrl: string) {
  return {
    type: 'product',
    ...product,
    url: `${baseUrl}${product.url}`,
    image: `${baseUrl}${product.image}`,
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

export function createDemoState(siteId = DEMO_SITE_ID): DemoState {
  return { siteId, products: generateDemoCatalog(), publicKey: undefined };
}
