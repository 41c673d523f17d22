import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEvents, makeEvent, readInteractions } from '../support/events.js';
import { call, createTestSite, trackEvents, type TestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('DELETE /v1/users/{id} erases a user', () => {
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
  const erase = (site: TestSite, user: string, key = site.secretKey) =>
    call(service, 'DELETE', `/v1/users/${encodeURIComponent(user)}`, { key });
  const read = async (text: string, params: Record<string, unknown>) =>
    (await graph.executor.runText(text, params, { mode: 'read' })).records.map((record) =>
      record.toObject(),
    );
  const alsoBought = (siteId: string) =>
    read(
      `MATCH (a:Item {siteId: $siteId})-[s:SIMILAR {model: 'also_bought'}]->(b:Item)
       RETURN a.id AS from, b.id AS to ORDER BY from, to`,
      { siteId },
    );

  it('removes the person, their merged anonymous ids, their history and its influence, and stays erased', async () => {
    const site = await createTestSite(service);
    const other = await createTestSite(service);
    const anonymousEvents = [
      makeEvent('view', { user: 'anon', item: 'A' }),
      makeEvent('buy', { user: 'anon', item: 'A' }),
      makeEvent('login', { user: 'anon', knownUser: 'alice' }),
    ];
    await post(site, anonymousEvents.slice(0, 2));
    await post(site, anonymousEvents.slice(2));
    const aliceBuysB = makeEvent('buy', { user: 'alice', item: 'B' });
    await post(site, [
      aliceBuysB,
      makeEvent('view', { user: 'alice', item: 'C' }),
      makeEvent('impression', { user: 'alice', items: ['D'], recommendationId: 'rec-alice' }),
      // bob bought A and C: also_bought A–C stays, A–B came from alice alone
      makeEvent('buy', { user: 'bob', item: 'A' }),
      makeEvent('buy', { user: 'bob', item: 'C' }),
    ]);
    // an impression of a user who never interacted: an Event without a User node
    await post(site, [
      makeEvent('impression', { user: 'viewer-only', items: ['D'], recommendationId: 'rec-v' }),
    ]);
    await post(other, [makeEvent('buy', { user: 'alice', item: 'A' })]);
    await service.recograph.refresher.refreshUntilClean({ siteId: site.id });
    expect(await alsoBought(site.id)).toEqual([
      { from: 'A', to: 'B' },
      { from: 'A', to: 'C' },
      { from: 'B', to: 'A' },
      { from: 'C', to: 'A' },
    ]);
    await call(service, 'PUT', '/v1/scenarios/recent', {
      key: site.secretKey,
      body: { models: ['recently_viewed'], limit: 5 },
    });
    const recent = async () =>
      (await call(service, 'GET', '/v1/recommendations/recent?user=alice', { key: site.publicKey }))
        .body.items as { id: string; model: string }[];
    expect(
      (await recent()).filter((item) => item.model === 'recently_viewed').map((item) => item.id),
    ).toEqual(['C', 'A']);
    const eventsBefore = await countEvents(graph, site.id);

    expect((await erase(site, 'alice', site.publicKey)).status).toBe(403);
    // by the anonymous id: the person behind it is erased, with every id merged into them
    const erased = await erase(site, 'anon');
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({ usersErased: 2, eventsScrubbed: 6, itemsRefreshing: 3 });

    const interactions = [...(await readInteractions(graph, site.id)).keys()].sort();
    expect(interactions).toEqual(['bob-BOUGHT->product/A', 'bob-BOUGHT->product/C']);
    expect(
      await read('MATCH (u:User {siteId: $siteId}) RETURN u.id AS id ORDER BY id', {
        siteId: site.id,
      }),
    ).toEqual([{ id: 'bob' }]);
    // the idempotency records stay, without anything personal
    expect(await countEvents(graph, site.id)).toBe(eventsBefore);
    expect(
      await read(
        `MATCH (e:Event {siteId: $siteId}) WHERE e.id IS NOT NULL AND (e.user IN ['anon', 'alice'] OR e.knownUser IN ['anon', 'alice'] OR e.recommendationId = 'rec-alice')
         RETURN count(e) AS left`,
        { siteId: site.id },
      ),
    ).toEqual([{ left: 0 }]);
    // the other site's alice is another person
    expect([...(await readInteractions(graph, other.id)).keys()]).toEqual([
      'alice-BOUGHT->product/A',
    ]);

    // a late retry of an erased event is a duplicate: it cannot bring alice back
    expect(await post(site, [aliceBuysB])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(
      await read('MATCH (u:User {siteId: $siteId, id: "alice"}) RETURN count(u) AS n', {
        siteId: site.id,
      }),
    ).toEqual([{ n: 0 }]);

    // her influence on similarity goes with the next refresh (the items were marked)
    await service.recograph.refresher.refreshUntilClean({ siteId: site.id });
    expect(await alsoBought(site.id)).toEqual([
      { from: 'A', to: 'C' },
      { from: 'C', to: 'A' },
    ]);
    // and the cached history with the announcement
    expect((await recent()).filter((item) => item.model === 'recently_viewed')).toEqual([]);

    // idempotent
    expect((await erase(site, 'alice')).body).toEqual({
      usersErased: 0,
      eventsScrubbed: 0,
      itemsRefreshing: 0,
    });
    // a user known only from impressions has events to scrub and no node
    expect((await erase(site, 'viewer-only')).body).toEqual({
      usersErased: 0,
      eventsScrubbed: 1,
      itemsRefreshing: 0,
    });
  });

  it('names the field of an invalid id', async () => {
    const site = await createTestSite(service);
    const response = await erase(site, 'x'.repeat(257));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
  });
});
