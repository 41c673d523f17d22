import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSite, putRecentScenario, type TestSite } from '../support/http.js';
import { openLive, sleep, type LiveTestClient } from '../support/live-client.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * Loose bounds that tell "pushed promptly" from "only after a reconnect or a heartbeat": the promised
 * figures (250 ms, 1 s) are measured by `npm run bench:live`, never asserted here, where a loaded CI
 * machine would make them flaky. Each test records its timing as an annotation.
 */
const USER_EVENT_BOUND_MS = 10_000;
const REMOVAL_BOUND_MS = 10_000;

describe('live pushes (real tracking, recommender and catalogue)', () => {
  let service: TestService;
  const clients: LiveTestClient[] = [];
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await service?.close();
  });

  /** A site with twelve catalogue items and a `recent` scenario (recently viewed, limit 3). */
  async function createShop(): Promise<TestSite> {
    const site = await createTestSite(service);
    const items = Array.from({ length: 12 }, (_, index) => {
      const id = `p${String(index + 1).padStart(2, '0')}`;
      return { type: 'product', id, title: `Product ${id}`, price: 10 + index, currency: 'EUR' };
    });
    expect(
      (await call(service, 'POST', '/v1/items', { key: site.secretKey, body: { items } })).status,
    ).toBe(200);
    await putRecentScenario(service, site);
    return site;
  }

  async function view(site: TestSite, user: string, ...items: string[]): Promise<void> {
    const events = items.map((item) => ({ id: randomUUID(), type: 'view', user, item }));
    const answer = await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events },
    });
    expect(answer.body).toMatchObject({ accepted: items.length });
  }

  async function connect(site: TestSite): Promise<LiveTestClient> {
    const client = await openLive(service, site.publicKey);
    clients.push(client);
    return client;
  }

  async function subscribe(client: LiveTestClient, id: string, fields: Record<string, unknown>) {
    const started = performance.now();
    client.send({ type: 'subscribe', id, ...fields });
    const initial = await client.next((m) => m.id === id);
    return { initial, ms: performance.now() - started };
  }

  const ids = (message: any): string[] => message.items.map((item: any) => item.id);

  it('sends the first list at once, as version 1 with cause initial and the display attributes', async ({
    annotate,
  }) => {
    const site = await createShop();
    const client = await connect(site);
    const { initial, ms } = await subscribe(client, 'home-box', {
      scenario: 'home',
      user: 'first-visit',
      limit: 4,
    });
    await annotate(`initial list after ${ms.toFixed(1)} ms`);
    expect(initial).toMatchObject({
      type: 'recommendations',
      id: 'home-box',
      scenario: 'home',
      version: 1,
      cause: 'initial',
    });
    expect(initial.recommendationId).toEqual(expect.any(String));
    expect(initial.items).toHaveLength(4);
    expect(initial.items[0].attributes).toMatchObject({
      title: expect.stringMatching(/^Product p/),
      currency: 'EUR',
    });
  });

  it('answers an unknown scenario with an error carrying the subscription id', async () => {
    const client = await connect(await createShop());
    client.send({ type: 'subscribe', id: 'nope-box', scenario: 'no-such-scenario', user: 'u1' });
    expect(await client.next()).toMatchObject({
      type: 'error',
      id: 'nope-box',
      code: 'SCENARIO_NOT_FOUND',
    });
  });

  it("re-pushes the user's recently viewed and personalized lists after their own event over HTTP", async ({
    annotate,
  }) => {
    const site = await createShop();
    const client = await connect(site);
    await subscribe(client, 'recent-box', { scenario: 'recent', user: 'u-http' });
    const home = await subscribe(client, 'home-box', {
      scenario: 'home',
      user: 'u-http',
      limit: 12,
    });
    expect(ids(home.initial)).toContain('p05');
    const posted = performance.now();
    await view(site, 'u-http', 'p05');
    const recent = await client.next((m) => m.id === 'recent-box');
    const recentMs = performance.now() - posted;
    const personal = await client.next((m) => m.id === 'home-box');
    const homeMs = performance.now() - posted;
    await annotate(
      `event posted → push: recently_viewed ${recentMs.toFixed(1)} ms, home (personalized) ${homeMs.toFixed(1)} ms`,
    );
    expect(recent).toMatchObject({ cause: 'user-event', version: 2 });
    expect(ids(recent)[0]).toBe('p05');
    expect(personal).toMatchObject({ cause: 'user-event', version: 2 });
    expect(ids(personal)).not.toContain('p05'); // home excludes what the user viewed
    expect(recentMs).toBeLessThan(USER_EVENT_BOUND_MS);
    expect(homeMs).toBeLessThan(USER_EVENT_BOUND_MS);
  });

  it('re-pushes the lists of a user who is erased (DELETE /v1/users/{id})', async () => {
    const site = await createShop();
    await view(site, 'u-erased', 'p03', 'p07');
    const client = await connect(site);
    const recent = await subscribe(client, 'recent-box', { scenario: 'recent', user: 'u-erased' });
    const viewed = (message: any): string[] =>
      message.items
        .filter((item: any) => item.model === 'recently_viewed')
        .map((item: any) => item.id);
    expect(viewed(recent.initial).sort()).toEqual(['p03', 'p07']);
    const erased = await call(service, 'DELETE', '/v1/users/u-erased', { key: site.secretKey });
    expect(erased.body).toMatchObject({ usersErased: 1 });
    const pushed = await client.next((m) => m.id === 'recent-box');
    expect(pushed).toMatchObject({ cause: 'user-event', version: 2 });
    expect(viewed(pushed)).toEqual([]); // popular may still fill the box
  });

  it('re-pushes after an event tracked over the socket itself', async ({ annotate }) => {
    const site = await createShop();
    const client = await connect(site);
    await subscribe(client, 'recent-box', { scenario: 'recent', user: 'u-socket' });
    const sent = performance.now();
    client.send({
      type: 'track',
      id: 'm1',
      events: [{ id: randomUUID(), type: 'view', user: 'u-socket', item: 'p07' }],
    });
    const [ack, push] = await Promise.all([
      client.next((m) => m.type === 'ack'),
      client.next((m) => m.type === 'recommendations'),
    ]);
    const ms = performance.now() - sent;
    await annotate(`track over the socket → push ${ms.toFixed(1)} ms`);
    expect(ack).toEqual({ type: 'ack', id: 'm1', accepted: 1, duplicates: 0, rejected: [] });
    expect(push).toMatchObject({ id: 'recent-box', cause: 'user-event', version: 2 });
    expect(ids(push)[0]).toBe('p07');
    expect(ms).toBeLessThan(USER_EVENT_BOUND_MS);
  });

  it('keeps a subscription made for the anonymous id up to date after a login, with events sent for the known id', async () => {
    const site = await createShop();
    const client = await connect(site);
    await subscribe(client, 'box', { scenario: 'recent', user: 'anon-7' });
    const login = await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events: [{ id: randomUUID(), type: 'login', user: 'anon-7', knownUser: 'known-7' }] },
    });
    expect(login.body).toMatchObject({ accepted: 1 });
    await view(site, 'known-7', 'p10');
    const push = await client.next((m) => m.type === 'recommendations' && ids(m)[0] === 'p10');
    expect(push.cause).toBe('user-event');
  });

  it('stays quiet when the recomputed list is unchanged and for events of other users', async () => {
    const site = await createShop();
    const client = await connect(site);
    await view(site, 'u-quiet', 'p02');
    await subscribe(client, 'top', { scenario: 'recent', user: 'u-quiet', limit: 1 });
    await view(site, 'u-quiet', 'p02'); // the same item again: still [p02]
    await view(site, 'someone-else', 'p03');
    await sleep(1_500);
    expect(client.messages.filter((m) => m.type === 'recommendations')).toHaveLength(1);
    await view(site, 'u-quiet', 'p04'); // a real change still comes through
    expect(await client.next((m) => m.id === 'top')).toMatchObject({
      cause: 'user-event',
      version: 2,
      items: [expect.objectContaining({ id: 'p04' })],
    });
  });

  it('removes a deleted item from every open list within a second', async ({ annotate }) => {
    const site = await createShop();
    await view(site, 'reader-1', 'p08', 'p09');
    await view(site, 'reader-2', 'p09', 'p10');
    const [first, second] = [await connect(site), await connect(site)];
    await subscribe(first, 'box', { scenario: 'recent', user: 'reader-1' });
    await subscribe(second, 'box', { scenario: 'recent', user: 'reader-2' });
    const deleted = performance.now();
    expect(
      (await call(service, 'DELETE', '/v1/items/product/p09', { key: site.secretKey })).status,
    ).toBe(204);
    const pushes = await Promise.all(
      [first, second].map((client) =>
        client.next((m) => m.type === 'recommendations' && !ids(m).includes('p09')),
      ),
    );
    const ms = performance.now() - deleted;
    await annotate(`delete → item gone from both lists after ${ms.toFixed(1)} ms`);
    for (const push of pushes) expect(push.cause).toBe('catalog');
    expect(ms).toBeLessThan(REMOVAL_BOUND_MS);
  });

  it('removes an item made unavailable within a second', async () => {
    const site = await createShop();
    await view(site, 'reader-3', 'p11');
    const client = await connect(site);
    const { initial } = await subscribe(client, 'box', { scenario: 'recent', user: 'reader-3' });
    expect(ids(initial)[0]).toBe('p11');
    const changed = performance.now();
    const put = await call(service, 'PUT', '/v1/items/product/p11', {
      key: site.secretKey,
      body: { title: 'Product p11', available: false },
    });
    expect(put.status).toBe(200);
    const push = await client.next((m) => m.type === 'recommendations' && !ids(m).includes('p11'));
    expect(push.cause).toBe('catalog');
    expect(performance.now() - changed).toBeLessThan(REMOVAL_BOUND_MS);
  });

  it('coalesces a burst of events: pushes at least LIVE_MIN_INTERVAL_MS apart, the last list delivered', async () => {
    const site = await createShop();
    const client = await connect(site);
    await subscribe(client, 'box', { scenario: 'recent', user: 'u-burst' });
    const burst = ['p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07', 'p08'];
    for (const item of burst) {
      client.send({
        type: 'track',
        events: [{ id: randomUUID(), type: 'view', user: 'u-burst', item }],
      });
      await sleep(40);
    }
    const last = await client.next(
      (m) => m.type === 'recommendations' && ids(m)[0] === 'p08',
      15_000,
    );
    await sleep(800);
    const pushes = client.messages.filter((m) => m.type === 'recommendations').slice(1);
    expect(pushes.at(-1)).toBe(last); // nothing after the last list
    expect(pushes.length).toBeLessThan(burst.length);
    expect(pushes.map((m) => m.version)).toEqual(pushes.map((_, index) => index + 2));
    const receivedAt = (message: any) => client.receivedAt.get(message)!;
    for (let index = 1; index < pushes.length; index += 1) {
      expect(receivedAt(pushes[index]) - receivedAt(pushes[index - 1])).toBeGreaterThanOrEqual(
        service.config.liveMinIntervalMs - 30,
      );
    }
  });

  it('re-pushes a context subscription when the similarity refresh changes its neighbours', async ({
    annotate,
  }) => {
    const site = await createShop();
    const client = await connect(site);
    const { initial } = await subscribe(client, 'pdp', {
      scenario: 'product-page',
      user: 'shopper',
      context: ['p12'],
      limit: 3,
    });
    expect(initial.items.every((item: any) => item.model !== 'also_viewed')).toBe(true);
    const started = performance.now();
    for (let index = 0; index < 6; index += 1) await view(site, `co-viewer-${index}`, 'p12', 'p03');
    const push = await client.next(
      (m) => m.id === 'pdp' && m.items.some((item: any) => item.model === 'also_viewed'),
      20_000,
    );
    await annotate(
      `co-views → similarity refresh → push after ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(push.cause).toBe('item-change');
    expect(ids(push)).toContain('p03');
  });

  it('never pushes to a subscriber of one site for an event of another site with the same user id', async () => {
    const [siteA, siteB] = [await createShop(), await createShop()];
    const [clientA, clientB] = [await connect(siteA), await connect(siteB)];
    await subscribe(clientA, 'box', { scenario: 'recent', user: 'same-user' });
    await subscribe(clientB, 'box', { scenario: 'recent', user: 'same-user' });
    await view(siteB, 'same-user', 'p06');
    expect(await clientB.next((m) => m.type === 'recommendations')).toMatchObject({
      cause: 'user-event',
    });
    await sleep(1_000);
    expect(clientA.messages.filter((m) => m.type === 'recommendations')).toHaveLength(1);
  });
});
