import { describe, expect, it } from 'vitest';
import { catalogItem } from '../catalog/item-schema.js';
import { eventSchema } from '../tracking/event-schema.js';
import { generateDemoCatalog } from './demo-catalog.js';
import { generateDemoHistory } from './demo-history.js';
import { toCatalogItem } from './demo-site.js';

describe('what the demo sends to its own API', () => {
  const products = generateDemoCatalog();

  it('sends catalogue items the catalogue accepts, with absolute URLs', () => {
    for (const product of products) {
      const parsed = catalogItem.safeParse(toCatalogItem(product, 'http://127.0.0.1:8080'));
      expect(parsed.error).toBeUndefined();
      expect(parsed.data?.url).toBe(`http://127.0.0.1:8080/demo/product/${product.id}`);
    }
  });

  it('sends history events tracking accepts', () => {
    const events = generateDemoHistory(products, { now: Date.UTC(2026, 10, 26) });
    for (const event of events.slice(0, 500))
      expect(eventSchema.safeParse(event).error).toBeUndefined();
  });
});
