import type { Logger } from '../logging/logger.js';
import type { SiteService } from '../sites/site-service.js';
import { generateDemoCatalog, type DemoProduct } from './demo-catalog.js';
import { generateDemoHistory } from './demo-history.js';

export const DEMO_SITE_ID = 'demo';

export interface DemoState {
  products: DemoProduct[];
  publicKey: string | undefined;
}

/** The demo's own placements, on top of the defaults every site gets (home, product-page, …). */
export const DEMO_SCENARIOS = {
  'demo-also-bought': { models: ['also_bought', 'also_viewed', 'similar_content', 'popular'], limit: 6, filters: { excludeContext: true, availableOnly: true, excludeEventTypes: ['hide'] }, attributes: ['title', 'price', 'currency', 'image', 'url'] },
  'demo-recently-viewed': { models: ['recently_viewed'], limit: 6, filters: { availableOnly: true, excludeEventTypes: ['hide'] }, attributes: ['title', 'price', 'currency', 'image', 'url'] },
  'demo-popular': { models: ['popular'], limit: 8, filters: { availableOnly: true, excludeEventTypes: ['hide'] }, attributes: ['title', 'price', 'currency', 'image', 'url'] },
};

/**
 * Makes sure the demo site exists and is stocked. The site keeps a well-known id; its keys are
 * rotated on every start because only their hashes are stored. Catalogue, scenarios and history go
 * through the service's own public HTTP API, exactly as a real shop's back end would send them.
 */
export async function prepareDemoSite(deps: { sites: SiteService; baseUrl: string; logger: Logger; state: DemoState }): Promise<void> {
  const { sites, baseUrl, logger, state } = deps;
  const existing = await sites.findSite(DEMO_SITE_ID);
  const keys = existing
    ? await sites.rotateKeys(DEMO_SITE_ID, 'both')
    : await sites.createSite({ id: DEMO_SITE_ID, name: 'Fjord & Field (demo shop)', allowedOrigins: ['*'] });
  const secretKey = keys.secretKey!;
  const send = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`demo seeding: ${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  };

  for (const [id, scenario] of Object.entries(DEMO_SCENARIOS)) await send('PUT', `/v1/scenarios/${id}`, scenario);
  if (!existing) {
    logger.info({ products: state.products.length }, 'demo: stocking the shop');
    await send('POST', '/v1/items', { items: state.products.map((product) => ({ type: 'product', ...product })) });
    const history = generateDemoHistory(state.products, { now: Date.now() });
    for (let offset = 0; offset < history.length; offset += 500) {
      await send('POST', '/v1/events', { events: history.slice(offset, offset + 500) });
    }
    logger.info({ events: history.length }, 'demo: shoppers history stored');
  }
  state.publicKey = keys.publicKey;
  logger.info({ url: `${baseUrl}/demo` }, 'demo shop ready');
}

export function createDemoState(): DemoState {
  return { products: generateDemoCatalog(), publicKey: undefined };
}
