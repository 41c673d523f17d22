import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEvents, makeEvent, readInteractions } from '../support/events.js';
import { call, createTestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('POST /v1/events stores each event exactly once', () => {
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
});
