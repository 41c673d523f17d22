import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../support/events.js';
import { call, createTestSite } from '../support/http.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('self-description', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('serves an OpenAPI 3.1 document whose request schemas come from the validators', async () => {
    const document = await (await fetch(`${service.baseUrl}/v1/openapi.json`)).json();
    expect(document.openapi).toBe('3.1.0');
    const createSite = document.paths['/v1/admin/sites'].post;
    expect(createSite.requestBody.content['application/json'].schema.properties.name).toMatchObject(
      { type: 'string', minLength: 1 },
    );
    expect(createSite.responses['401'].content['application/problem+json']).toBeDefined();
  });

  it('documents every route the app serves', async () => {
    const document = await (await fetch(`${service.baseUrl}/v1/openapi.json`)).json();
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const layers = service.recograph.app.middleware.flatMap(
      (middleware) =>
        (middleware as { router?: { stack: { path: string; methods: string[] }[] } }).router
          ?.stack ?? [],
    );
    expect(layers.length).toBeGreaterThan(5);
    // The SDK file and the demo shop are pages and assets, not API.
    for (const layer of layers.filter((candidate) => !/^\/(sdk|demo)(\/|$)/.test(candidate.path))) {
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        const path = layer.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '') || '/';
        expect(documented, `${method} ${path}`).toContain(`${method} ${path}`);
      }
    }
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await fetch(`${service.baseUrl}/healthz`);
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /recograph_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
  });

  it('counts hits and misses of the recommendation caches', async () => {
    const site = await createTestSite(service);
    for (const id of ['sku-1', 'sku-2'])
      await call(service, 'PUT', `/v1/items/product/${id}`, {
        key: site.secretKey,
        body: { title: id },
      });
    // Lists that are not empty: an empty one is cached for 2 s only, and on a cold database the
    // first answer alone could take longer than that (the second would then miss again).
    const events = ['buy', 'view'].flatMap((type) =>
      ['sku-1', 'sku-2'].map((item) => makeEvent(type, { user: 'shopper', item })),
    );
    expect(
      (await call(service, 'POST', '/v1/events', { key: site.publicKey, body: { events } })).status,
    ).toBe(200);
    await service.recograph.refresher.refreshUntilClean({ siteId: site.id });
    const read = async () => {
      const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
      const value = (cache: string, measure: string) =>
        Number(
          new RegExp(
            `recograph_recommend_cache\\{cache="${cache}",measure="${measure}"\\} (\\d+)`,
          ).exec(text)?.[1],
        );
      return { listHits: value('lists', 'hits'), listMisses: value('lists', 'misses') };
    };
    const before = await read();
    // Two users: the second answer is computed again, but from the also_bought and also_viewed
    // lists of sku-1 that the first one read.
    for (const user of ['u1', 'u2'])
      await call(service, 'GET', `/v1/recommendations/product-page?context=sku-1&user=${user}`, {
        key: site.publicKey,
      });
    const after = await read();
    expect(after.listMisses - before.listMisses).toBe(2);
    expect(after.listHits - before.listHits).toBe(2);
  });
});
