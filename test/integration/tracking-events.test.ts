import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change-bus.js';
import { countEvents, makeEvent, readInteractions } from '../support/events.js';
import { call, createTestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('POST /v1/events', () => {
  let service: TestService;
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  const post = (key: string, events: unknown[]) =>
    call(service, 'POST', '/v1/events', { key, body: { events } });

  it('stores every event type as typed interactions with counters and first/last times', async () => {
    const site = await createTestSite(service);
    const t0 = Date.now() - 60_000;
    const events = [
      makeEvent('view', { item: 'shoe', timestamp: t0, categoryPath: '/shoes/running' }),
      makeEvent('view', { item: 'shoe', timestamp: t0 + 1000 }),
      makeEvent('consume', { item: 'video', itemType: 'video', percent: 30, timestamp: t0 }),
      makeEvent('consume', { item: 'video', itemType: 'video', percent: 80, timestamp: t0 + 5 }),
      makeEvent('consume', { item: 'video', itemType: 'video', percent: 40, timestamp: t0 + 9 }),
      makeEvent('basket', { item: 'shoe', quantity: 3, timestamp: t0 }),
      makeEvent('unbasket', { item: 'shoe', quantity: 1, timestamp: t0 + 10 }),
      makeEvent('buy', {
        item: 'shoe',
        quantity: 2,
        price: 50,
        currency: 'EUR',
        timestamp: t0 + 20,
      }),
      makeEvent('buy', {
        item: 'shoe',
        quantity: 1,
        price: 40,
        currency: 'EUR',
        timestamp: t0 + 30,
      }),
      makeEvent('rate', { item: 'shoe', rating: 60, timestamp: new Date(t0 + 40).toISOString() }),
      makeEvent('rate', { item: 'shoe', rating: 90, timestamp: t0 + 10 }),
      makeEvent('hide', { item: 'sock' }),
      makeEvent('impression', { items: ['shoe', { id: 'sock' }], recommendationId: 'rec-A' }),
      makeEvent('click_recommended', { item: 'shoe', recommendationId: 'rec-A' }),
    ];
    const response = await post(site.publicKey, events);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: events.length, duplicates: 0, rejected: [] });

    const interactions = await readInteractions(graph, site.id);
    expect([...interactions.keys()].sort()).toEqual([
      'u1-BASKETED->product/shoe',
      'u1-BOUGHT->product/shoe',
      'u1-CONSUMED->video/video',
      'u1-HID->product/sock',
      'u1-RATED->product/shoe',
      'u1-VIEWED->product/shoe',
    ]);
    expect(interactions.get('u1-VIEWED->product/shoe')).toMatchObject({
      count: 2,
      firstAt: t0,
      lastAt: t0 + 1000,
      categoryPath: '/shoes/running',
    });
    expect(interactions.get('u1-CONSUMED->video/video')).toMatchObject({
      count: 3,
      percent: 80,
      firstAt: t0,
      lastAt: t0 + 9,
    });
    expect(interactions.get('u1-BASKETED->product/shoe')).toMatchObject({
      count: 1,
      quantity: 2,
      removedAt: t0 + 10,
    });
    expect(interactions.get('u1-BOUGHT->product/shoe')).toMatchObject({
      count: 2,
      quantity: 3,
      revenue: 140,
      currency: 'EUR',
      firstAt: t0 + 20,
      lastAt: t0 + 30,
    });
    expect(interactions.get('u1-RATED->product/shoe')).toMatchObject({
      count: 2,
      rating: 60,
      lastAt: t0 + 40,
    });
    expect(interactions.get('u1-HID->product/sock')).toMatchObject({ count: 1 });

    const recommendation = await graph.executor.runText(
      'MATCH (r:Recommendation {siteId: $siteId, id: "rec-A"}) RETURN r.impressions AS impressions, r.clicks AS clicks',
      { siteId: site.id },
      { mode: 'read' },
    );
    expect(recommendation.records[0]?.toObject()).toEqual({ impressions: 2, clicks: 1 });
    expect(await countEvents(graph, site.id)).toBe(events.length);
  });

  it('marks the items of view, consume, basket, buy and rate events for a similarity refresh, not hidden ones', async () => {
    const site = await createTestSite(service);
    const before = Date.now();
    await post(site.publicKey, [
      makeEvent('view', { item: 'a' }),
      makeEvent('buy', { item: 'b' }),
      makeEvent('hide', { item: 'c' }),
    ]);
    const result = await graph.executor.runText(
      'MATCH (i:Item {siteId: $siteId}) RETURN i.id AS id, i.similarityDirtyAt AS dirtyAt, i.createdAt AS createdAt ORDER BY id',
      { siteId: site.id },
      { mode: 'read' },
    );
    const items = result.records.map((record) => record.toObject());
    expect(items.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(items[0]!.dirtyAt).toBeGreaterThanOrEqual(before);
    expect(items[1]!.dirtyAt).toBeGreaterThanOrEqual(before);
    expect(items[2]!.dirtyAt).toBeNull();
    expect(Number.isInteger(items[2]!.createdAt)).toBe(true);
  });

  it('rejects each bad event with its index, field and a stable code, and stores the good ones of the batch', async () => {
    const site = await createTestSite(service);
    const good = makeEvent('view');
    const response = await post(site.publicKey, [
      good,
      makeEvent('rate', { rating: 101 }),
      makeEvent('nonsense'),
      { ...makeEvent('view'), id: 'not-a-uuid' },
      makeEvent('buy', { quantity: 0 }),
      makeEvent('consume', { percent: undefined }),
      makeEvent('login', { knownUser: '' }),
      'not an object',
      makeEvent('buy', { currency: 'euro' }),
    ]);
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected.map((r: any) => [r.index, r.code, r.field])).toEqual([
      [1, 'VALIDATION_FAILED', 'events/1/rating'],
      [2, 'VALIDATION_FAILED', 'events/2/type'],
      [3, 'VALIDATION_FAILED', 'events/3/id'],
      [4, 'VALIDATION_FAILED', 'events/4/quantity'],
      [5, 'VALIDATION_FAILED', 'events/5/percent'],
      [6, 'VALIDATION_FAILED', 'events/6/knownUser'],
      [7, 'VALIDATION_FAILED', 'events/7'],
      [8, 'VALIDATION_FAILED', 'events/8/currency'],
    ]);
    expect(response.body.rejected[0].detail).toContain('events/1/rating');
    expect(await countEvents(graph, site.id)).toBe(1);
  });

  it('answers a wholly invalid body with 400 and a batch past 500 events with 413', async () => {
    const site = await createTestSite(service);
    for (const body of [{}, { events: [] }, { events: 'x' }, [makeEvent('view')]]) {
      const response = await call(service, 'POST', '/v1/events', { key: site.publicKey, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const invalidJson = await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      rawBody: '{"events": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.body.code).toBe('INVALID_JSON');
    const tooMany = await post(
      site.publicKey,
      Array.from({ length: 501 }, () => makeEvent('view')),
    );
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'events' });
    const allBad = await post(site.publicKey, [
      makeEvent('rate', { rating: -1 }),
      makeEvent('consume', { percent: 'x' }),
    ]);
    expect(allBad.status).toBe(400);
    expect(allBad.body.rejected).toHaveLength(2);
    expect(await countEvents(graph, site.id)).toBe(0);
  });

  it('counts an event sent again, in any order and in later batches, as a duplicate that changes no counter', async () => {
    const site = await createTestSite(service);
    const events = Array.from({ length: 300 }, (_, n) =>
      makeEvent(n % 3 === 0 ? 'buy' : 'view', {
        user: `u${n % 7}`,
        item: `i${n % 11}`,
        timestamp: Date.now() - n,
      }),
    );
    expect((await post(site.publicKey, events)).body).toEqual({
      accepted: 300,
      duplicates: 0,
      rejected: [],
    });
    const first = await readInteractions(graph, site.id);
    const reordered = [...events].reverse();
    expect((await post(site.publicKey, reordered)).body).toEqual({
      accepted: 0,
      duplicates: 300,
      rejected: [],
    });
    const mixed = [
      ...events.slice(0, 50),
      makeEvent('view', { user: 'u0', item: 'new-item' }),
      ...events.slice(0, 10),
    ];
    expect((await post(site.publicKey, mixed)).body).toEqual({
      accepted: 1,
      duplicates: 60,
      rejected: [],
    });
    const after = await readInteractions(graph, site.id);
    after.delete('u0-VIEWED->product/new-item');
    expect(after).toEqual(first);
    const total = [...first.values()].reduce((sum, props) => sum + (props.count as number), 0);
    expect(total).toBe(300);
    expect(await countEvents(graph, site.id)).toBe(301);
  });

  it('treats a retry without a timestamp as the same event (the hash ignores the server-filled time)', async () => {
    const site = await createTestSite(service);
    const event = makeEvent('view');
    expect((await post(site.publicKey, [event])).body.accepted).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(
      (
        await post(site.publicKey, [
          { ...event, id: String(event.id).toUpperCase(), extraClientField: 1 },
        ])
      ).body.duplicates,
    ).toBe(1);
  });

  it('rejects an event id reused with another payload: 409 alone, a rejected entry in a batch', async () => {
    const site = await createTestSite(service);
    const event = makeEvent('view', { item: 'a' });
    await post(site.publicKey, [event]);
    const alone = await post(site.publicKey, [{ ...event, item: 'b' }]);
    expect(alone.status).toBe(409);
    expect(alone.body).toMatchObject({ code: 'EVENT_ID_REUSED', field: 'events/0/id' });
    const batch = await post(site.publicKey, [makeEvent('view'), { ...event, item: 'c' }]);
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, code: 'EVENT_ID_REUSED', field: 'events/1/id' }],
    });
    const inOneBatch = makeEvent('view');
    const twice = await post(site.publicKey, [
      inOneBatch,
      inOneBatch,
      { ...inOneBatch, item: 'other' },
    ]);
    expect(twice.body).toMatchObject({
      accepted: 1,
      duplicates: 1,
      rejected: [{ index: 2, code: 'EVENT_ID_REUSED' }],
    });
    expect((await readInteractions(graph, site.id)).has('u1-VIEWED->product/b')).toBe(false);
  });

  it('stores each event once when the same ids arrive concurrently on two service instances', async () => {
    const site = await createTestSite(service);
    const other = await startTestService();
    try {
      const events = Array.from({ length: 40 }, (_, n) =>
        makeEvent('view', { user: `u${n % 4}`, item: `i${n % 5}` }),
      );
      const requests = Array.from({ length: 24 }, (_, n) => {
        const target = n % 2 === 0 ? service : other;
        const batch = n % 3 === 0 ? events : [...events].reverse().slice(0, 20 + (n % 20));
        return n % 4 === 1
          ? Promise.all(
              batch.map((event) =>
                call(target, 'POST', '/v1/events', {
                  key: site.publicKey,
                  body: { events: [event] },
                }),
              ),
            )
          : call(target, 'POST', '/v1/events', {
              key: site.publicKey,
              body: { events: batch },
            }).then((response) => [response]);
      });
      const responses = (await Promise.all(requests)).flat();
      expect(responses.every((response) => response.status === 200)).toBe(true);
      expect(responses.reduce((sum, response) => sum + response.body.accepted, 0)).toBe(40);
      const interactions = await readInteractions(graph, site.id);
      expect(
        [...interactions.values()].reduce((sum, props) => sum + (props.count as number), 0),
      ).toBe(40);
      expect(await countEvents(graph, site.id)).toBe(40);
    } finally {
      await other.close();
    }
  });

  it('clamps timestamps more than 5 minutes ahead and lets only the secret key import events older than 24 hours', async () => {
    const site = await createTestSite(service);
    const received = Date.now();
    const future = makeEvent('view', { item: 'future', timestamp: received + 3_600_000 });
    const old = makeEvent('view', {
      item: 'old',
      timestamp: new Date(received - 3 * 86_400_000).toISOString(),
    });
    const publicAnswer = await post(site.publicKey, [future, old]);
    expect(publicAnswer.body).toMatchObject({
      accepted: 1,
      rejected: [
        { index: 1, code: 'HISTORIC_IMPORT_NEEDS_SECRET_KEY', field: 'events/1/timestamp' },
      ],
    });
    expect((await post(site.publicKey, [old])).status).toBe(403);
    expect((await post(site.secretKey, [old])).body.accepted).toBe(1);
    const interactions = await readInteractions(graph, site.id);
    const clamped = interactions.get('u1-VIEWED->product/future')!.lastAt as number;
    expect(clamped).toBeGreaterThanOrEqual(received - 1000);
    expect(clamped).toBeLessThanOrEqual(Date.now());
    expect(interactions.get('u1-VIEWED->product/old')!.firstAt).toBe(
      Date.parse(String(old.timestamp)),
    );
  });

  it('refuses wrong, missing and rotated keys and never lets a key reach another site', async () => {
    const siteA = await createTestSite(service);
    const siteB = await createTestSite(service);
    expect(
      (await call(service, 'POST', '/v1/events', { body: { events: [makeEvent('view')] } })).status,
    ).toBe(401);
    expect((await post('pk_wrongwrongwrongwrongwrongwrong', [makeEvent('view')])).status).toBe(401);
    const queryKeyOnJson = await call(service, 'POST', `/v1/events?key=${siteA.publicKey}`, {
      body: { events: [makeEvent('view')] },
    });
    expect(queryKeyOnJson.status).toBe(401);
    const shared = makeEvent('view', { item: 'only-b' });
    expect((await post(siteB.publicKey, [shared])).body.accepted).toBe(1);
    expect((await post(siteA.publicKey, [shared])).body.accepted).toBe(1); // ids are per site
    expect(
      (await post(siteA.publicKey, [{ ...shared, user: 'x', timestamp: Date.now() }])).status,
    ).toBe(409);
    expect(await countEvents(graph, siteA.id)).toBe(1);
    expect(await countEvents(graph, siteB.id)).toBe(1);
    const rotated = await call(service, 'POST', `/v1/admin/sites/${siteA.id}/keys`, {
      key: 'test-admin-token-0123456789',
      body: { which: 'public' },
    });
    expect((await post(siteA.publicKey, [makeEvent('view')])).status).toBe(401);
    expect((await post(rotated.body.publicKey, [makeEvent('view')])).status).toBe(200);
  });

  it('announces the users, items and event types of stored events on the change bus after commit', async () => {
    const site = await createTestSite(service);
    const changes: Change[] = [];
    const unsubscribe = service.recograph.changes.subscribe((change) => changes.push(change));
    try {
      const view = makeEvent('view', { user: 'anon-9', item: 'x' });
      await post(site.publicKey, [view, makeEvent('impression', { user: 'anon-9' })]);
      await post(site.publicKey, [view]);
      const userEvents = changes.filter(
        (change) => change.kind === 'user-event' && change.siteId === site.id,
      );
      expect(userEvents).toEqual([
        {
          kind: 'user-event',
          siteId: site.id,
          users: ['anon-9'],
          items: [{ type: 'product', id: 'x' }],
          eventTypes: ['view'],
        },
      ]);
    } finally {
      unsubscribe();
    }
  });

  it('lets the ingestor be used directly (the live module tracks through it)', async () => {
    const site = await createTestSite(service);
    const result = await service.recograph.ingestor.ingest(
      { id: site.id, name: 'x', allowedOrigins: [], keyKind: 'public' },
      [makeEvent('view'), { id: randomUUID() }],
      { source: 'live' },
    );
    expect(result).toMatchObject({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, code: 'VALIDATION_FAILED', field: 'events/1/type' }],
    });
  });
});
