import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEvents, makeEvent, readInteractions } from '../support/events.js';
import { call, createTestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('POST /v1/events validation, limits, timestamps and keys', () => {
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
});
