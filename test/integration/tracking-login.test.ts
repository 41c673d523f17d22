import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent, readInteractions } from '../support/events.js';
import { call, createTestSite, trackEvents, type TestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('login merges the anonymous history into the known user', () => {
  let service: TestService;
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  const post = (site: TestSite, events: unknown[]) => trackEvents(service, site, events);
  const t0 = Date.now() - 600_000;

  it('folds the anonymous interactions onto the known ones and sends later anonymous events to the known user', async () => {
    const site = await createTestSite(service);
    await post(site, [
      makeEvent('view', { user: 'anon', item: 'shoe', timestamp: t0 + 100 }),
      makeEvent('view', { user: 'anon', item: 'shoe', timestamp: t0 + 200 }),
      makeEvent('buy', { user: 'anon', item: 'shoe', quantity: 2, price: 10, timestamp: t0 + 300 }),
      makeEvent('consume', { user: 'anon', item: 'clip', percent: 90, timestamp: t0 + 50 }),
      makeEvent('rate', { user: 'anon', item: 'shoe', rating: 20, timestamp: t0 + 900 }),
      makeEvent('view', { user: 'alice', item: 'shoe', timestamp: t0 + 10 }),
      makeEvent('buy', { user: 'alice', item: 'shoe', quantity: 1, price: 12, timestamp: t0 + 20 }),
      makeEvent('consume', { user: 'alice', item: 'clip', percent: 30, timestamp: t0 + 500 }),
      makeEvent('rate', { user: 'alice', item: 'shoe', rating: 70, timestamp: t0 + 400 }),
    ]);
    const login = makeEvent('login', { user: 'anon', knownUser: 'alice', timestamp: t0 + 1000 });
    expect(await post(site, [login])).toMatchObject({ accepted: 1 });
    expect(await post(site, [login])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(
      await post(site, [makeEvent('login', { user: 'anon', knownUser: 'alice' })]),
    ).toMatchObject({ accepted: 1 });

    // later events under the anonymous id, one of them older than the login, land on alice
    await post(site, [
      makeEvent('view', { user: 'anon', item: 'shoe', timestamp: t0 + 1 }),
      makeEvent('hide', { user: 'anon', item: 'sock' }),
    ]);

    const interactions = await readInteractions(graph, site.id);
    expect([...interactions.keys()].filter((key) => key.startsWith('anon-'))).toEqual([]);
    expect(interactions.get('alice-VIEWED->product/shoe')).toMatchObject({
      count: 4,
      firstAt: t0 + 1,
      lastAt: t0 + 200,
    });
    expect(interactions.get('alice-BOUGHT->product/shoe')).toMatchObject({
      count: 2,
      quantity: 3,
      revenue: 32,
      firstAt: t0 + 20,
      lastAt: t0 + 300,
    });
    expect(interactions.get('alice-CONSUMED->product/clip')).toMatchObject({
      count: 2,
      percent: 90,
      firstAt: t0 + 50,
      lastAt: t0 + 500,
    });
    expect(interactions.get('alice-RATED->product/shoe')).toMatchObject({
      count: 2,
      rating: 20,
      lastAt: t0 + 900,
    });
    expect(interactions.get('alice-HID->product/sock')).toMatchObject({ count: 1 });
    const merged = await graph.executor.runText(
      'MATCH (a:User {siteId: $siteId})-[:MERGED_INTO]->(k:User) RETURN a.id AS anon, k.id AS known',
      { siteId: site.id },
      { mode: 'read' },
    );
    expect(merged.records.map((record) => record.toObject())).toEqual([
      { anon: 'anon', known: 'alice' },
    ]);
  });

  it('reaches the same graph whatever the order of the login and the other events', async () => {
    const events = [
      makeEvent('view', { user: 'a1', item: 'x', timestamp: t0 + 1 }),
      makeEvent('buy', { user: 'a1', item: 'x', quantity: 1, price: 5, timestamp: t0 + 2 }),
      makeEvent('view', { user: 'bob', item: 'x', timestamp: t0 + 3 }),
      makeEvent('login', { user: 'a1', knownUser: 'bob', timestamp: t0 + 4 }),
      makeEvent('view', { user: 'a1', item: 'y', timestamp: t0 + 5 }),
    ];
    const orders = [
      events,
      [...events].reverse(),
      [events[3], events[0], events[4], events[2], events[1]],
    ];
    const graphs = [];
    for (const order of orders) {
      const site = await createTestSite(service);
      // one batch, then each event alone in yet another order, then the batch again
      await post(site, order);
      for (const event of [...order].reverse()) await post(site, [event]);
      graphs.push(await readInteractions(graph, site.id));
      const split = await createTestSite(service);
      for (const event of order) await post(split, [event]);
      graphs.push(await readInteractions(graph, split.id));
    }
    for (const other of graphs.slice(1)) expect(other).toEqual(graphs[0]);
    expect([...graphs[0]!.keys()].sort()).toEqual([
      'bob-BOUGHT->product/x',
      'bob-VIEWED->product/x',
      'bob-VIEWED->product/y',
    ]);
    expect(graphs[0]!.get('bob-VIEWED->product/x')).toMatchObject({
      count: 2,
      firstAt: t0 + 1,
      lastAt: t0 + 3,
    });
  });

  it('moves an event whose transaction read the anonymous user just before a concurrent login merged it', async () => {
    const site = await createTestSite(service);
    const other = await startTestService();
    await post(site, [
      makeEvent('view', { user: 'racer', item: 'j' }),
      makeEvent('view', { user: 'someone', item: 'i' }),
    ]);
    // A transaction holding item i makes the racer's next view stop half-way: after it has read the
    // racer's alias (none yet), before it writes the interaction.
    const holder = graph.driver.session();
    const hold = await holder.beginTransaction();
    try {
      await hold.run('MATCH (i:Item {siteId: $siteId, id: "i"}) SET i.heldByTest = true', {
        siteId: site.id,
      });
      const view = call(service, 'POST', '/v1/events', {
        key: site.publicKey,
        body: { events: [makeEvent('view', { user: 'racer', item: 'i' })] },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const login = call(other, 'POST', '/v1/events', {
        key: site.publicKey,
        body: { events: [makeEvent('login', { user: 'racer', knownUser: 'frank' })] },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await hold.rollback();
      expect((await view).status).toBe(200);
      expect((await login).status).toBe(200);
    } finally {
      await holder.close();
      await other.close();
    }
    const interactions = await readInteractions(graph, site.id);
    expect([...interactions.keys()].filter((key) => key.startsWith('racer-'))).toEqual([]);
    expect(interactions.get('frank-VIEWED->product/i')).toMatchObject({ count: 1 });
    expect(interactions.get('frank-VIEWED->product/j')).toMatchObject({ count: 1 });
  });

  it('keeps every alias one hop from its known user and never merges in a cycle', async () => {
    const site = await createTestSite(service);
    await post(site, [makeEvent('view', { user: 'device-1', item: 'p', timestamp: t0 })]);
    await post(site, [makeEvent('login', { user: 'device-1', knownUser: 'guest-7' })]);
    await post(site, [makeEvent('view', { user: 'guest-7', item: 'q', timestamp: t0 + 1 })]);
    await post(site, [makeEvent('login', { user: 'guest-7', knownUser: 'carol' })]);
    await post(site, [makeEvent('login', { user: 'carol', knownUser: 'device-1' })]); // would close a cycle: ignored
    await post(site, [makeEvent('view', { user: 'device-1', item: 'r', timestamp: t0 + 2 })]);
    const merged = await graph.executor.runText(
      'MATCH (a:User {siteId: $siteId})-[:MERGED_INTO]->(k:User) RETURN a.id AS anon, k.id AS known ORDER BY anon',
      { siteId: site.id },
      { mode: 'read' },
    );
    expect(merged.records.map((record) => record.toObject())).toEqual([
      { anon: 'device-1', known: 'carol' },
      { anon: 'guest-7', known: 'carol' },
    ]);
    expect([...(await readInteractions(graph, site.id)).keys()].sort()).toEqual([
      'carol-VIEWED->product/p',
      'carol-VIEWED->product/q',
      'carol-VIEWED->product/r',
    ]);
  });

  it('announces both the anonymous and the known user on the change bus', async () => {
    const site = await createTestSite(service);
    const seen: unknown[] = [];
    const unsubscribe = service.recograph.changes.subscribe(
      (change) => change.kind === 'user-event' && change.siteId === site.id && seen.push(change),
    );
    try {
      await post(site, [makeEvent('login', { user: 'anon-x', knownUser: 'dave' })]);
      expect(seen).toEqual([
        {
          kind: 'user-event',
          siteId: site.id,
          users: ['anon-x', 'dave'],
          items: [],
          eventTypes: ['login'],
        },
      ]);
    } finally {
      unsubscribe();
    }
  });
});
