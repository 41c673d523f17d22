import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change-bus.js';
import { call, createTestSite, type TestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('catalogue API', () => {
  let service: TestService;
  let site: TestSite;
  const changes: Change[] = [];
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
    site = await createTestSite(service);
    service.recograph.changes.subscribe((change) => changes.push(change));
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  const shoe = {
    title: 'Trail shoe',
    url: 'https://shop.example/p/1',
    image: 'https://shop.example/p/1.jpg',
    price: 89.9,
    currency: 'EUR',
    categories: ['/shoes/running/trail'],
    validFrom: '2020-01-01T00:00:00.000Z',
    attributes: { brand: 'Acme', sizes: ['41', '42'], waterproof: true },
  };

  it('puts an item and reads it back, with its category hierarchy in the graph', async () => {
    const put = await call(service, 'PUT', '/v1/items/product/sku-1', {
      key: site.secretKey,
      body: shoe,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ type: 'product', id: 'sku-1', ...shoe, available: true });
    const get = await call(service, 'GET', '/v1/items/product/sku-1', { key: site.secretKey });
    expect(get.body).toEqual(put.body);
    const chain = await graph.executor.runText(
      `MATCH (:Item {siteId: $siteId, id: 'sku-1'})-[:IN_CATEGORY]->(leaf:Category)-[:PARENT]->(mid:Category)-[:PARENT]->(root:Category)
       RETURN [leaf.path, mid.path, root.path, root.name] AS chain, EXISTS { (root)-[:PARENT]->() } AS rootHasParent`,
      { siteId: site.id },
      { mode: 'read' },
    );
    expect(chain.records[0]?.get('chain')).toEqual([
      '/shoes/running/trail',
      '/shoes/running',
      '/shoes',
      'shoes',
    ]);
    expect(chain.records[0]?.get('rootHasParent')).toBe(false);
  });

  it('replaces the whole item on a second put: removed fields, attributes and categories go', async () => {
    await call(service, 'PUT', '/v1/items/product/sku-2', { key: site.secretKey, body: shoe });
    const put = await call(service, 'PUT', '/v1/items/product/sku-2', {
      key: site.secretKey,
      body: { title: 'Renamed', categories: ['/bags'], attributes: { colour: 'red' } },
    });
    expect(put.body).toEqual(
      expect.objectContaining({
        title: 'Renamed',
        categories: ['/bags'],
        attributes: { colour: 'red' },
      }),
    );
    expect(put.body.price).toBeUndefined();
    const stored = await graph.executor.runText(
      'MATCH (i:Item {siteId: $siteId, id: "sku-2"}) RETURN keys(i) AS keys',
      { siteId: site.id },
      { mode: 'read' },
    );
    expect(stored.records[0]?.get('keys')).not.toContain('attr_brand');
    expect(stored.records[0]?.get('keys')).toContain('attr_colour');
  });

  it('keeps interactions and creation time of an item tracking created first', async () => {
    await graph.executor.runText(
      'CREATE (:User {siteId: $siteId, id: "u1"})-[:VIEWED {count: 1, firstAt: 1, lastAt: 1}]->(:Item {siteId: $siteId, type: "product", id: "seen", createdAt: 5})',
      { siteId: site.id },
    );
    const put = await call(service, 'PUT', '/v1/items/product/seen', {
      key: site.secretKey,
      body: { title: 'Seen first' },
    });
    expect(put.body).toMatchObject({ title: 'Seen first', createdAt: new Date(5).toISOString() });
    const views = await graph.executor.runText(
      'MATCH (:Item {siteId: $siteId, id: "seen"})<-[v:VIEWED]-() RETURN count(v) AS views',
      { siteId: site.id },
      { mode: 'read' },
    );
    expect(views.records[0]?.get('views')).toBe(1);
  });

  it('upserts 1,000 items in one request and refuses 1,001 with 413', async () => {
    const items = Array.from({ length: 1_000 }, (_, n) => ({
      type: 'product',
      id: `bulk-${n}`,
      title: `Bulk ${n}`,
      price: n,
      categories: [`/bulk/c${n % 10}`],
    }));
    const ok = await call(service, 'POST', '/v1/items', { key: site.secretKey, body: { items } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ upserted: 1_000 });
    expect(
      (await call(service, 'GET', '/v1/items/product/bulk-999', { key: site.secretKey })).body,
    ).toMatchObject({ price: 999, categories: ['/bulk/c9'] });
    const tooMany = await call(service, 'POST', '/v1/items', {
      key: site.secretKey,
      body: { items: [...items, { type: 'product', id: 'one-more' }] },
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'items' });
  });

  it('refuses a batch with one invalid item, naming the field, and stores none of it', async () => {
    const response = await call(service, 'POST', '/v1/items', {
      key: site.secretKey,
      body: {
        items: [
          { type: 'product', id: 'ok-1' },
          ...Array.from({ length: 11 }, (_, n) => ({ type: 'product', id: `ok-${n + 2}` })),
          { type: 'product', id: 'bad', price: 'cheap' },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'items/12/price' });
    expect(
      (await call(service, 'GET', '/v1/items/product/ok-1', { key: site.secretKey })).status,
    ).toBe(404);
  });

  it('refuses a path and body that name different items', async () => {
    const response = await call(service, 'PUT', '/v1/items/product/a', {
      key: site.secretKey,
      body: { id: 'b' },
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('id');
  });

  it('deletes an item idempotently, and publishes the removal', async () => {
    await call(service, 'PUT', '/v1/items/product/gone', {
      key: site.secretKey,
      body: { title: 'Gone soon' },
    });
    changes.length = 0;
    expect(
      (await call(service, 'DELETE', '/v1/items/product/gone', { key: site.secretKey })).status,
    ).toBe(204);
    expect(changes).toContainEqual({
      kind: 'item-change',
      siteId: site.id,
      items: [{ type: 'product', id: 'gone' }],
      removed: true,
    });
    expect(
      (await call(service, 'GET', '/v1/items/product/gone', { key: site.secretKey })).body.code,
    ).toBe('ITEM_NOT_FOUND');
    expect(
      (await call(service, 'DELETE', '/v1/items/product/gone', { key: site.secretKey })).status,
    ).toBe(204);
    expect(
      (await call(service, 'DELETE', '/v1/items/product/never', { key: site.secretKey })).status,
    ).toBe(204);
  });

  it('publishes an unavailable item as removed and a changed one as updated', async () => {
    changes.length = 0;
    await call(service, 'POST', '/v1/items', {
      key: site.secretKey,
      body: {
        items: [
          { type: 'product', id: 'out', available: false },
          { type: 'product', id: 'in', title: 'In' },
        ],
      },
    });
    // Other tests' refreshers publish similarity changes on this bus too: look at this site's catalogue changes.
    expect(
      changes.filter((change) => change.kind === 'item-change' && change.siteId === site.id),
    ).toEqual([
      {
        kind: 'item-change',
        siteId: site.id,
        items: [{ type: 'product', id: 'out' }],
        removed: true,
      },
      {
        kind: 'item-change',
        siteId: site.id,
        items: [{ type: 'product', id: 'in' }],
        removed: false,
      },
    ]);
  });

  it('needs the secret key', async () => {
    expect(
      (await call(service, 'GET', '/v1/items/product/sku-1', { key: site.publicKey })).status,
    ).toBe(403);
    expect((await call(service, 'GET', '/v1/items/product/sku-1')).status).toBe(401);
  });
});
