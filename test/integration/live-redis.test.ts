import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSite, putRecentScenario, type TestSite } from '../support/http.js';
import { openLive, type LiveTestClient } from '../support/live-client.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { TEST_ADMIN_TOKEN, startTestService, type TestService } from '../support/test-service.js';

describe('two API instances sharing a real Redis', () => {
  let redis: TestRedis;
  let a: TestService;
  let b: TestService;
  let site: TestSite;
  const clients: LiveTestClient[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
    a = await startTestService({ REDIS_URL: redis.url });
    b = await startTestService({ REDIS_URL: redis.url });
    site = await createTestSite(a);
    const items = ['r1', 'r2', 'r3', 'r4'].map((id) => ({
      type: 'product',
      id,
      title: `Item ${id}`,
    }));
    expect(
      (await call(a, 'POST', '/v1/items', { key: site.secretKey, body: { items } })).status,
    ).toBe(200);
    await putRecentScenario(a, site);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  async function subscribeOnB(user: string): Promise<LiveTestClient> {
    const client = await openLive(b, site.publicKey);
    clients.push(client);
    client.send({ type: 'subscribe', id: 'box', scenario: 'recent', user });
    expect(await client.next()).toMatchObject({ cause: 'initial' });
    return client;
  }

  it('pushes to a subscriber on instance B the effect of an event posted to instance A', async ({
    annotate,
  }) => {
    const client = await subscribeOnB('cross-user');
    const posted = performance.now();
    const answer = await call(a, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events: [{ id: randomUUID(), type: 'view', user: 'cross-user', item: 'r2' }] },
    });
    expect(answer.body).toMatchObject({ accepted: 1 });
    const push = await client.next((m) => m.type === 'recommendations');
    await annotate(`event on A → push on B after ${(performance.now() - posted).toFixed(1)} ms`);
    expect(push).toMatchObject({ cause: 'user-event', version: 2 });
    expect(push.items[0].id).toBe('r2');
    expect(performance.now() - posted).toBeLessThan(5_000);
  });

  it('removes from a list on instance B an item deleted through instance A', async () => {
    const viewed = await call(a, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events: [{ id: randomUUID(), type: 'view', user: 'reader', item: 'r3' }] },
    });
    expect(viewed.body).toMatchObject({ accepted: 1 });
    const client = await subscribeOnB('reader');
    expect(client.messages[0].items.map((item: any) => item.id)).toContain('r3');
    const deleted = performance.now();
    expect((await call(a, 'DELETE', '/v1/items/product/r3', { key: site.secretKey })).status).toBe(
      204,
    );
    const push = await client.next(
      (m) => m.type === 'recommendations' && !m.items.some((item: any) => item.id === 'r3'),
    );
    expect(push.cause).toBe('catalog');
    expect(performance.now() - deleted).toBeLessThan(5_000);
  });

  it('closes connections on instance B when the key is rotated through instance A', async () => {
    const rotating = await createTestSite(a);
    const client = await openLive(b, rotating.publicKey);
    const rotated = await call(a, 'POST', `/v1/admin/sites/${rotating.id}/keys`, {
      key: TEST_ADMIN_TOKEN,
      body: { which: 'public' },
    });
    expect(rotated.status).toBe(200);
    expect((await client.closed).code).toBe(4001);
  });

  it('recomputes the lists on instance B after Redis comes back, so an event B missed meanwhile still shows', async () => {
    const client = await subscribeOnB('through-outage');
    await redis.down();
    try {
      const answer = await call(a, 'POST', '/v1/events', {
        key: site.publicKey,
        body: { events: [{ id: randomUUID(), type: 'view', user: 'through-outage', item: 'r4' }] },
      });
      expect(answer.body).toMatchObject({ accepted: 1 }); // written to Neo4j; the change reaches no other instance
    } finally {
      await redis.up();
    }
    const push = await client.next(
      (m) => m.type === 'recommendations' && m.items[0]?.id === 'r4',
      20_000,
    );
    expect(push).toMatchObject({ cause: 'item-change', version: 2 });
  });
});
