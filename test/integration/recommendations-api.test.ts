import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioOfRecommendation } from '../../src/recommend/recommendation-identity.js';
import { call, createTestSite, type TestSite } from '../support/http.js';
import { histories, trackInteractions, writeInteractions } from '../support/recommend-fixtures.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('recommendations API', () => {
  let service: TestService;
  let site: TestSite;
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
    site = await createTestSite(service);
    const items = ['A', 'B', 'C', 'D', 'E'].map((id) => ({
      type: 'product',
      id,
      title: `Item ${id}`,
      price: 10,
    }));
    await call(service, 'POST', '/v1/items', { key: site.secretKey, body: { items } });
    await writeInteractions(
      graph.executor,
      site.id,
      histories('BOUGHT', {
        u1: ['A', 'B'],
        u2: ['A', 'B'],
        u3: ['A', 'C'],
        u4: ['D'],
        u5: ['D'],
        u6: ['D'],
        u7: ['D'],
      }),
    );
    await service.recograph.refresher.refreshUntilClean({ siteId: site.id });
  });
  async function countStatements(query: string): Promise<number> {
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const pattern = new RegExp(
      `^recograph_graph_query_duration_seconds_count\\{[^}]*query="${query}"[^}]*\\} (\\d+)$`,
      'gm',
    );
    return [...metrics.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
  }
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    call(service, 'GET', path, { key: site.publicKey, headers });

  it('answers a scenario with ids, models, reasons and the scenario attributes', async () => {
    const response = await get('/v1/recommendations/product-page?context=A&limit=3');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      scenario: 'product-page',
      recommendationId: expect.stringMatching(/^product-page\.[0-9a-f-]{36}$/),
    });
    expect(response.body.items).toEqual([
      {
        id: 'B',
        type: 'product',
        score: expect.any(Number),
        model: 'also_bought',
        reason: { model: 'also_bought', because: ['A'] },
        attributes: { title: 'Item B', price: 10 },
      },
      {
        id: 'C',
        type: 'product',
        score: expect.any(Number),
        model: 'also_bought',
        reason: { model: 'also_bought', because: ['A'] },
        attributes: { title: 'Item C', price: 10 },
      },
      {
        id: 'D',
        type: 'product',
        score: expect.any(Number),
        model: 'popular',
        reason: { model: 'popular' },
        attributes: { title: 'Item D', price: 10 },
      },
    ]);
  });

  it('gives a new user popular items', async () => {
    const response = await get('/v1/recommendations/home?user=newcomer&limit=2&attributes=title');
    expect(response.body.items.map((item: any) => [item.id, item.model, item.attributes])).toEqual([
      ['D', 'popular', { title: 'Item D' }],
      ['A', 'popular', { title: 'Item A' }],
    ]);
  });

  it('answers 304 to an unchanged list and keeps the same recommendation id for it', async () => {
    const first = await get('/v1/recommendations/product-page?context=A&limit=3');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const second = await get('/v1/recommendations/product-page?context=A&limit=3');
    expect(second.body.recommendationId).toBe(first.body.recommendationId);
    const revalidated = await get('/v1/recommendations/product-page?context=A&limit=3', {
      'if-none-match': etag,
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBeUndefined();
    const other = await get('/v1/recommendations/product-page?context=A&limit=2', {
      'if-none-match': etag,
    });
    expect(other.status).toBe(200);
    // statistics attribute impressions and clicks to the scenario named in the id
    expect(scenarioOfRecommendation(first.body.recommendationId)).toBe('product-page');
  });

  it('changes the ETag when an item leaves the list, at once', async () => {
    const before = await get('/v1/recommendations/product-page?context=A&limit=3');
    await call(service, 'PUT', '/v1/items/product/B', {
      key: site.secretKey,
      body: { title: 'Item B', available: false },
    });
    const after = await get('/v1/recommendations/product-page?context=A&limit=3', {
      'if-none-match': before.headers.get('etag')!,
    });
    expect(after.status).toBe(200);
    expect(after.body.items.map((item: any) => item.id)).not.toContain('B');
    await call(service, 'PUT', '/v1/items/product/B', {
      key: site.secretKey,
      body: { title: 'Item B', price: 10 },
    });
  });

  it('reflects a user own event on the very next request', async () => {
    await call(service, 'PUT', '/v1/scenarios/recent', {
      key: site.secretKey,
      body: { models: ['recently_viewed'], limit: 1 },
    });
    const changes = service.recograph.changes;
    await trackInteractions(graph.executor, changes, site.id, [
      { user: 'reader', item: 'C', rel: 'VIEWED' },
    ]);
    expect((await get('/v1/recommendations/recent?user=reader')).body.items[0]).toMatchObject({
      id: 'C',
      model: 'recently_viewed',
    });
    await trackInteractions(graph.executor, changes, site.id, [
      { user: 'reader', item: 'E', rel: 'VIEWED', at: Date.now() + 1 },
    ]);
    expect((await get('/v1/recommendations/recent?user=reader')).body.items[0]).toMatchObject({
      id: 'E',
      model: 'recently_viewed',
    });
  });

  it('takes a posted view into the user cached profile: the next answer reflects it without reading the user again', async () => {
    await call(service, 'PUT', '/v1/scenarios/recent-and-for-you', {
      key: site.secretKey,
      body: { models: ['recently_viewed', 'personalized'], limit: 3 },
    });
    const view = (item: string) => ({ id: randomUUID(), type: 'view', user: 'patched', item });
    const recent = async () =>
      (await get('/v1/recommendations/recent-and-for-you?user=patched')).body.items;
    await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events: [view('A')] },
    });
    expect((await recent())[0]).toMatchObject({ id: 'A', model: 'recently_viewed' });
    const profileReads = await countStatements('recommend/read-user-profile');
    await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events: [view('D')] },
    });
    const items = await recent();
    expect(
      items.slice(0, 2).map((item: { id: string; model: string }) => [item.id, item.model]),
    ).toEqual([
      ['D', 'recently_viewed'],
      ['A', 'recently_viewed'],
    ]);
    expect(items[2]).toMatchObject({ id: 'B', model: 'personalized', reason: { because: ['A'] } });
    expect(await countStatements('recommend/read-user-profile')).toBe(profileReads);
  });

  it('shows other users co-occurrence within seconds through the background refresher', async () => {
    await call(service, 'PUT', '/v1/scenarios/also', {
      key: site.secretKey,
      body: { models: ['also_bought'], limit: 5 },
    });
    // As tracking does: store the events (marking D and E dirty), then publish a user-event.
    await trackInteractions(
      graph.executor,
      service.recograph.changes,
      site.id,
      histories('BOUGHT', { fresh1: ['D', 'E'] }),
    );
    const deadline = Date.now() + 10_000;
    let ids: string[] = [];
    while (Date.now() < deadline) {
      const response = await get('/v1/recommendations/also?context=D');
      ids = response.body.items
        .filter((item: any) => item.model === 'also_bought')
        .map((item: any) => item.id);
      if (ids.includes('E')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ids).toEqual(['E']);
  });

  it('answers 404 for an unknown scenario and 400 naming a bad parameter', async () => {
    const missing = await get('/v1/recommendations/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('SCENARIO_NOT_FOUND');
    const badLimit = await get('/v1/recommendations/home?limit=101');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.field).toBe('limit');
    const tooMany = await get(
      `/v1/recommendations/home?context=${Array.from({ length: 21 }, (_, n) => n).join(',')}`,
    );
    expect(tooMany.body.field).toBe('context');
  });

  it('needs a site key in the Authorization header', async () => {
    expect((await call(service, 'GET', '/v1/recommendations/home')).status).toBe(401);
    expect(
      (await call(service, 'GET', `/v1/recommendations/home?key=${site.publicKey}`)).status,
    ).toBe(401);
    expect(
      (await call(service, 'GET', '/v1/recommendations/home', { key: site.secretKey })).status,
    ).toBe(200);
  });
});
