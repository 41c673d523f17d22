import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS } from '../recommend/default-scenarios.js';
import { scenarioConfig } from '../recommend/scenario-config.js';
import { generateDemoCatalog } from './demo-catalog.js';
import { renderCategoryPage, renderHomePage, renderProductPage } from './demo-pages.js';
import { DEMO_SCENARIOS } from './demo-site.js';

const products = generateDemoCatalog();
const stocked = { products, publicKey: 'pk_demo"<key>' };
const pages = [
  renderHomePage(stocked),
  renderCategoryPage(stocked, '/kitchen/coffee')!,
  renderProductPage(stocked, 'sku-0301')!,
];

describe('the demo shop pages', () => {
  it('use only scenarios that every site has or that the demo puts', () => {
    const used = new Set(
      pages.flatMap((page) => [...page.matchAll(/ scenario="([^"]+)"/g)].map((match) => match[1]!)),
    );
    expect([...used].sort()).toEqual([
      'demo-also-bought',
      'demo-popular',
      'demo-recently-viewed',
      'home',
    ]);
    for (const scenario of used)
      expect(scenario in DEFAULT_SCENARIOS || scenario in DEMO_SCENARIOS).toBe(true);
  });

  it('put scenarios the scenario API accepts', () => {
    for (const config of Object.values(DEMO_SCENARIOS))
      expect(scenarioConfig.safeParse(config).success).toBe(true);
  });

  it('load the SDK with the escaped public key once the shop is stocked, and reload themselves before', () => {
    for (const page of pages)
      expect(page).toContain(
        '<script src="/sdk/recograph.js" data-site-key="pk_demo&quot;&lt;key&gt;"></script>',
      );
    const stocking = renderHomePage({ products, publicKey: undefined });
    expect(stocking).not.toContain('/sdk/recograph.js');
    expect(stocking).toContain('<meta http-equiv="refresh" content="5">');
  });

  it('tell the page script which product is shown, so it can track the view', () => {
    expect(pages[2]).toContain('data-product="sku-0301"');
    expect(pages[2]).toContain('context="sku-0301"');
    expect(renderProductPage(stocked, 'sku-9999')).toBeUndefined();
    expect(renderCategoryPage(stocked, '/nothing/here')).toBeUndefined();
  });
});
