import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  readBox,
  saveScreenshot,
  startDemoService,
  waitForBox,
  type DemoService,
} from '../support/browser.js';
import { connectTestGraph } from '../support/test-graph.js';

/** The demo shop in real Chromium against the real service, as a new visitor sees it. */
describe('the demo shop in a browser', () => {
  let demo: DemoService;
  let browser: Browser;
  let context: BrowserContext;
  const graph = connectTestGraph();

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoService(), launchChromium()]);
  });
  afterEach(async () => {
    await context?.close();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.service.close();
    await graph.close();
  });

  const open = async (page: Page, path: string) => {
    await page.goto(`${demo.service.baseUrl}${path}`);
    return page;
  };
  const visitorOf = (page: Page) =>
    page.evaluate(() => (window as any).Recograph.instance().user() as string);
  const hasViewed = async (user: string, item: string) => {
    const result = await graph.executor.runText(
      'MATCH (:User {siteId: $siteId, id: $user})-[r:VIEWED]->(:Item {siteId: $siteId, id: $item}) RETURN r.count AS count',
      { siteId: demo.siteId, user, item },
      { mode: 'read' },
    );
    return result.records.length === 1;
  };

  it('fills the home page boxes and the product page boxes, and shows the events sent in the traffic panel', async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await open(await context.newPage(), '/demo');
    await waitForBox(page, 'personal', 6);
    await waitForBox(page, 'popular', 6);
    const tiles = await page.$$eval('[data-box] .rg-item', (entries) =>
      entries.map((entry) => [
        entry.querySelector('.title')?.textContent,
        entry.querySelector('a')?.getAttribute('href'),
      ]),
    );
    expect(tiles).toHaveLength(12);
    for (const [title, href] of tiles) {
      expect(title).toMatch(/\w/);
      expect(href).toMatch(/^\/demo\/product\/sku-\d{4}$/);
    }
    await saveScreenshot(page, 'demo-home');

    await open(page, '/demo/product/sku-0301');
    const alsoBought = await waitForBox(page, 'also-bought', 6);
    expect(alsoBought).not.toContain('sku-0301');
    await waitForBox(page, 'personal', 6);
    await expect
      .poll(() => page.locator('[data-event-panel]').innerText(), { timeout: 15_000 })
      .toContain('view sku-0301');
    await saveScreenshot(page, 'demo-product');

    // The second product page remembers the first one in "Recently viewed".
    await open(page, '/demo/product/sku-0802');
    await waitForBox(page, 'also-bought', 6);
    await expect
      .poll(() => readBox(page, 'recently-viewed'), { timeout: 30_000 })
      .toEqual(['sku-0301']);
    await saveScreenshot(page, 'demo-product-recently-viewed');
  });

  it('changes "Recommended for you" on an open page without a reload while the visitor browses in another tab', async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const home = await open(await context.newPage(), '/demo');
    const before = await waitForBox(home, 'personal', 6);
    await saveScreenshot(home, 'demo-personal-before');
    let navigations = 0;
    home.on('framenavigated', (frame) => {
      if (frame === home.mainFrame()) navigations += 1;
    });
    await home.evaluate(() => ((window as any).stillTheSamePage = true));

    // The same visitor (same browser profile, so the same anonymous id) opens three of the
    // recommended products in a second tab. `home` never recommends what the visitor has viewed,
    // so each of them must leave the box on the first tab, pushed over its WebSocket.
    const tab = await context.newPage();
    const visited = before.slice(0, 3);
    for (const item of visited) {
      await open(tab, `/demo/product/${item}`);
      const user = await visitorOf(tab);
      await expect.poll(() => hasViewed(user, item), { timeout: 30_000 }).toBe(true);
    }
    expect(await visitorOf(home)).toBe(await visitorOf(tab));

    await expect
      .poll(
        () => readBox(home, 'personal').then((ids) => ids.filter((id) => visited.includes(id))),
        { timeout: 30_000 },
      )
      .toEqual([]);
    const after = await waitForBox(home, 'personal', 6);
    expect(after).not.toEqual(before);
    expect(navigations).toBe(0);
    expect(await home.evaluate(() => (window as any).stillTheSamePage)).toBe(true);
    await home.bringToFront();
    await saveScreenshot(home, 'demo-personal-after');
  });
});
