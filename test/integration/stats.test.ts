import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../support/events.js';
import { call, createTestSite, trackEvents, type TestSite } from '../support/http.js';
import { openLive } from '../support/live-client.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

const DAY_MS = 24 * 60 * 60_000;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

describe('GET /v1/stats', () => {
  let service: TestService;
  let site: TestSite;
  let other: TestSite;
  const graph = connectTestGraph();
  // The rollup counts at once here, and only when the test asks (no background runs): in
  // production it stays a minute behind the writes, because a write stamps storedAt before it
  // commits (a background run with no margin missed a login whose first plan took seconds).
  beforeAll(async () => {
    // a record stored in 1970 (as the pruner test makes them; after its cut-off of 2,000 ms):
    // the rollup must skip the 56 quiet years in one step, not range by range
    await graph.executor.runText(
      `CREATE (:Event {siteId: $siteId, id: 'ancient', type: 'view', user: 'u', at: 10000, storedAt: 10000})`,
      { siteId: uniqueSiteId('stats-ancient') },
    );
    service = await startTestService({ BACKGROUND_WORK: '0' }, { statsSettleMs: 0 });
    site = await createTestSite(service);
    other = await createTestSite(service);
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  const now = Date.now();
  const range = `from=${dayOf(now - 4 * DAY_MS)}&to=${dayOf(now + DAY_MS)}`;
  const stats = (target: TestSite, query = range, key = target.secretKey) =>
    call(service, 'GET', `/v1/stats?${query}`, { key });
  const recommend = (scenario: string, user: string, headers: Record<string, string> = {}) =>
    call(service, 'GET', `/v1/recommendations/${scenario}?user=${user}`, {
      key: site.publicKey,
      headers,
    });
  const countEverything = async () => {
    await service.recograph.stats.requests.flush();
    // two rollups at once, as two instances would run them: each range is counted once
    await Promise.all([
      service.recograph.stats.rollup.rollupOnce(),
      service.recograph.stats.rollup.rollupOnce(),
    ]);
  };

  it('counts events, requests, impressions, clicks and attributed purchases per scenario, exactly once', async () => {
    const catalogue = await call(service, 'POST', '/v1/items', {
      key: site.secretKey,
      body: { items: ['A', 'B', 'C'].map((id) => ({ type: 'product', id, title: id })) },
    });
    expect(catalogue.status).toBeLessThan(300);

    const home = await recommend('home', 'anon');
    expect(home.status).toBe(200);
    const etag = home.headers.get('etag')!;
    expect((await recommend('home', 'anon', { 'if-none-match': etag })).status).toBe(304);
    const cart = await recommend('cart', 'carol');
    expect(cart.status).toBe(200);
    expect(home.body.recommendationId).toMatch(/^home\./);

    const live = await openLive(service, site.publicKey);
    live.send({ type: 'subscribe', id: 1, scenario: 'home', user: 'anon' });
    await live.next((message) => message.type === 'recommendations');
    live.close();

    const historic = makeEvent('view', { user: 'dave', item: 'A', timestamp: now - 3 * DAY_MS });
    const historicAnswer = await call(service, 'POST', '/v1/events', {
      key: site.secretKey,
      body: { events: [historic] },
    });
    expect(historicAnswer.body).toMatchObject({ accepted: 1 });

    // anon sees home's list and clicks B in it, then logs in as alice
    const first = [
      makeEvent('view', { user: 'anon', item: 'A' }),
      makeEvent('impression', {
        user: 'anon',
        items: ['A', 'B'],
        recommendationId: home.body.recommendationId,
      }),
      makeEvent('click_recommended', {
        user: 'anon',
        item: 'B',
        recommendationId: home.body.recommendationId,
      }),
      makeEvent('click_recommended', { user: 'anon', item: 'C', recommendationId: 'made-up' }),
      makeEvent('login', { user: 'anon', knownUser: 'alice' }),
      // carol clicks C in cart's list and buys it in the same batch
      makeEvent('click_recommended', {
        user: 'carol',
        item: 'C',
        recommendationId: cart.body.recommendationId,
      }),
      makeEvent('buy', { user: 'carol', item: 'C', quantity: 1, price: 20, currency: 'EUR' }),
    ];
    await trackEvents(service, site, first);
    await trackEvents(service, other, [makeEvent('view', { user: 'x', item: 'A' })]);
    await countEverything();

    // later, as alice: the purchase of B is attributed to home through anon's click
    const second = [
      makeEvent('buy', { user: 'alice', item: 'B', quantity: 2, price: 15, currency: 'EUR' }),
      makeEvent('buy', { user: 'bob', item: 'C', quantity: 1, price: 5, currency: 'EUR' }),
    ];
    await trackEvents(service, site, second);
    await countEverything();
    // the same events again (in another order) are duplicates: no counter moves
    expect(await trackEvents(service, site, [...second, ...first].reverse())).toMatchObject({
      accepted: 0,
      duplicates: first.length + second.length,
    });
    await countEverything();

    const response = await stats(site);
    expect(response.status).toBe(200);
    const { totals } = response.body;
    expect(totals.events).toMatchObject({
      view: 2,
      buy: 3,
      impression: 1,
      click_recommended: 3,
      login: 1,
      rate: 0,
    });
    expect(totals.revenue).toEqual({ EUR: 55 });
    expect(totals.scenarios.home).toEqual({
      requests: 2,
      subscriptions: 1,
      impressions: 1,
      itemsShown: 2,
      clicks: 1,
      ctr: 1,
      purchases: 1,
      revenue: { EUR: 30 },
    });
    expect(totals.scenarios.cart).toEqual({
      requests: 1,
      subscriptions: 0,
      impressions: 0,
      itemsShown: 0,
      clicks: 1,
      ctr: null,
      purchases: 1,
      revenue: { EUR: 20 },
    });
    expect(totals.unattributed).toEqual({ impressions: 0, itemsShown: 0, clicks: 1 });
    expect(Date.parse(response.body.countedUntil)).toBeGreaterThan(now);
    const metrics = await call(service, 'GET', '/metrics');
    const cursor = /^recograph_stats_counted_until_seconds (\S+)$/m.exec(String(metrics.body));
    expect(Number(cursor?.[1]) * 1_000).toBe(Date.parse(response.body.countedUntil));

    // the historic view lands on its own day
    const byDay = Object.fromEntries(
      response.body.intervals.map((period: { start: string; events: { view: number } }) => [
        period.start,
        period.events.view,
      ]),
    );
    expect(response.body.intervals).toHaveLength(6);
    expect(byDay[dayOf(now - 3 * DAY_MS)]).toBe(1);
    expect(byDay[dayOf(now)]).toBe(1);

    // the other site sees its own view only
    const theirs = await stats(other, `${range}&interval=total`);
    expect(theirs.body.totals.events.view).toBe(1);
    expect(theirs.body.totals.scenarios).toEqual({});
    expect(theirs.body.intervals).toHaveLength(1);
  });

  it('answers bad parameters with 400 naming the field, and a public key with 403', async () => {
    const cases: [string, string][] = [
      ['from=2026-13-01', 'from'],
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['interval=hour', 'interval'],
      ['from=2026-11-27&to=2026-11-01', 'from'],
      ['from=2020-01-01&to=2026-01-01', 'to'],
    ];
    for (const [query, field] of cases) {
      const response = await stats(site, query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body, query).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect((await stats(site, range, site.publicKey)).status).toBe(403);
    expect((await stats(site, range, 'sk_wrong')).status).toBe(401);
  });

  it('defaults to the last 30 days by day', async () => {
    const response = await stats(site, '');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ interval: 'day', to: dayOf(Date.now()) });
    expect(response.body.intervals).toHaveLength(30);
  });
});
