import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from '../support/browser.js';
import { call, createTestSite, type TestSite } from '../support/http.js';
import { startTestService, type TestService } from '../support/test-service.js';

const TITLES = ['Trail Runner', 'Camp Mug', 'Wool Socks', 'Rain Shell', 'Head Torch', 'Map Case'];

/** Another origin than the service: a shop's own web server with nothing but the script tag and the element. */
async function startShopServer(html: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a plain page with only the script tag and the element', () => {
  let service: TestService;
  let browser: Browser;
  let shop: { server: Server; origin: string };
  let site: TestSite;

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService(), launchChromium()]);
    shop = await startShopServer(
      () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plain shop</title>
<script src="${service.baseUrl}/sdk/recograph.js" data-site-key="${site.publicKey}" data-endpoint="${service.baseUrl}"></script>
</head><body><h1>Plain shop</h1>
<recograph-recommendations scenario="home" limit="4"></recograph-recommendations>
</body></html>`,
    );
    site = await createTestSite(service, [shop.origin]);
    const items = TITLES.map((title, n) => ({
      type: 'product',
      id: `p${n}`,
      title,
      url: `${shop.origin}/p${n}`,
      price: 10 + n,
      currency: 'EUR',
    }));
    expect(
      (await call(service, 'POST', '/v1/items', { key: site.secretKey, body: { items } })).status,
    ).toBe(200);
    const events = TITLES.flatMap((_, n) =>
      Array.from({ length: n + 1 }, (__, u) => ({
        id: randomUUID(),
        type: 'view',
        user: `shopper-${u}`,
        item: `p${n}`,
      })),
    );
    expect(
      (await call(service, 'POST', '/v1/events', { key: site.secretKey, body: { events } })).body,
    ).toMatchObject({ accepted: events.length });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => shop?.server.close(resolve));
    await service?.close();
  });

  it('shows four recommended products from the other origin', async () => {
    // The refresher scores the items in the background; the page is opened once it has.
    await expect
      .poll(
        async () =>
          (await call(service, 'GET', '/v1/recommendations/home?limit=4', { key: site.publicKey }))
            .body.items?.length,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(4);
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(shop.origin);
    const titles = page.locator('recograph-recommendations .rg-item .rg-title');
    await expect.poll(() => titles.count(), { timeout: 30_000 }).toBe(4);
    expect((await titles.allTextContents()).every((title) => TITLES.includes(title))).toBe(true);
    expect(
      await page.locator('recograph-recommendations .rg-item a').first().getAttribute('href'),
    ).toMatch(new RegExp(`^${shop.origin}/p\\d$`));
    expect(errors).toEqual([]);
    await saveScreenshot(page, 'plain-page');
    await context.close();
  });
});
