import { describe, expect, it } from 'vitest';
import { generateDemoCatalog } from './demo-catalog.js';
import { deterministicUuid, generateDemoHistory } from './demo-history.js';

describe('the demo shop data', () => {
  const catalog = generateDemoCatalog();
  const now = Date.UTC(2026, 10, 26);

  it('has 200 products with unique ids in ten departments', () => {
    expect(catalog).toHaveLength(200);
    expect(new Set(catalog.map((product) => product.id)).size).toBe(200);
    expect(new Set(catalog.map((product) => product.categories[0])).size).toBe(10);
  });

  it('is the same on every start, so seeding twice stores nothing new', () => {
    expect(generateDemoHistory(catalog, { now })).toEqual(
      generateDemoHistory(generateDemoCatalog(), { now }),
    );
  });

  it('plants a companion purchase pattern: coffee buyers often buy the cookbook of the same rank', () => {
    const events = generateDemoHistory(catalog, { now });
    const buys = new Map<string, Set<string>>();
    for (const event of events.filter((e) => e.type === 'buy'))
      buys.set(event.user, (buys.get(event.user) ?? new Set()).add(event.item));
    const coffeeBuyers = [...buys.values()].filter((items) => items.has('sku-0301'));
    const alsoCookbook = coffeeBuyers.filter((items) => items.has('sku-0801'));
    expect(coffeeBuyers.length).toBeGreaterThan(3);
    expect(alsoCookbook.length / coffeeBuyers.length).toBeGreaterThan(0.3);
  });

  it('keeps every event in the past week with a UUID id', () => {
    const events = generateDemoHistory(catalog, { now });
    expect(events.length).toBeGreaterThan(1000);
    for (const event of events.slice(0, 50)) {
      expect(event.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(event.timestamp).toBeLessThan(now);
      expect(event.timestamp).toBeGreaterThan(now - 7 * 24 * 3600 * 1000);
    }
    expect(deterministicUuid('a')).toBe(deterministicUuid('a'));
  });
});
