import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change-bus.js';
import { countEvents, makeEvent, readInteractions } from '../support/events.js';
import { call, createTestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('POST /v1/events stores events in the graph', () => {
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
          viewsOnly: [
            { user: 'anon-9', views: [{ type: 'product', id: 'x', at: expect.any(Number) }] },
          ],
        },
      ]);
    } finally {
      unsubscribe();
    }
  });

  it('lists the views of the users who only viewed, so their cached history can take them in', async () => {
    const site = await createTestSite(service);
    const changes: Change[] = [];
    const unsubscribe = service.recograph.changes.subscribe((change) => changes.push(change));
    try {
      const at = Date.now() - 60_000;
      await post(site.publicKey, [
        makeEvent('view', { user: 'only-views', item: 'p', timestamp: new Date(at).toISOString() }),
        makeEvent('view', {
          user: 'only-views',
          item: 'q',
          timestamp: new Date(at + 1_000).toISOString(),
        }),
        makeEvent('view', { user: 'viewer-and-buyer', item: 'p' }),
        makeEvent('buy', { user: 'viewer-and-buyer', item: 'q' }),
      ]);
      const [change] = changes.filter((c) => c.kind === 'user-event' && c.siteId === site.id);
      expect(change).toMatchObject({ users: ['only-views', 'viewer-and-buyer'] });
      expect(change?.kind === 'user-event' && change.viewsOnly).toEqual([
        {
          user: 'only-views',
          views: [
            { type: 'product', id: 'p', at },
            { type: 'product', id: 'q', at: at + 1_000 },
          ],
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
