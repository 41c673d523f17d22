import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../support/events.js';
import { call, createTestSite, trackEvents, type TestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * SIMILARITY_MIN_INTERVAL_MS: an item recomputed less than the interval ago is marked due at the
 * interval's end, so the refresher's rounds skip it until then; refreshUntilClean takes it anyway.
 * This service runs no background work, but other test files' services share the database and
 * their refreshers take any due item of any site: so every assertion here is about items that are
 * not due, or about marks whoever refreshed them.
 */
describe('the similarity refresher recomputes an item at most once per SIMILARITY_MIN_INTERVAL_MS', () => {
  const graph = connectTestGraph();
  let service: TestService;
  let site: TestSite;
  beforeAll(async () => {
    service = await startTestService({ BACKGROUND_WORK: '0', SIMILARITY_MIN_INTERVAL_MS: '60000' });
    site = await createTestSite(service);
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  type Marks = { id: string; dueAt: number | null; cooldownUntil: number | null };
  const marks = async (): Promise<Marks[]> =>
    (
      await graph.executor.runText(
        `MATCH (i:Item {siteId: $siteId})
         RETURN i.id AS id, i.similarityDirtyAt AS dueAt, i.similarityCooldownUntil AS cooldownUntil
         ORDER BY id`,
        { siteId: site.id },
        { mode: 'read' },
      )
    ).records.map((record) => {
      const row = record.toObject() as Record<string, unknown>;
      const number = (value: unknown) => (value === null ? null : Number(value));
      return {
        id: row.id as string,
        dueAt: number(row.dueAt),
        cooldownUntil: number(row.cooldownUntil),
      };
    });
  const marksOf = async (id: string) => (await marks()).find((row) => row.id === id)!;
  /**
   * Items put through the catalogue are never dirty, so no refresher reads them before coolDown:
   * one that read an item made dirty by an event could finish after coolDown and overwrite it
   * with its own interval (a CI run saw that).
   */
  const putItems = async (ids: string[]) => {
    for (const id of ids) {
      const answer = await call(service, 'PUT', `/v1/items/product/${id}`, {
        key: site.secretKey,
        body: { title: `Item ${id}` },
      });
      expect(answer.status).toBeLessThan(300);
    }
  };
  /** As if the refresher had just handled these items: clean, cooling down until `until`. */
  const coolDown = (ids: string[], until: number) =>
    graph.executor.runText(
      `MATCH (i:Item {siteId: $siteId}) WHERE i.id IN $ids
       REMOVE i.similarityDirtyAt, i.similarityTouchedAt
       SET i.similarityCooldownUntil = toInteger($until)`,
      { siteId: site.id, ids, until },
      { mode: 'write' },
    );

  it('marks an event on a cooling item due at the end of its interval, on a cooled one at once', async () => {
    await putItems(['A', 'B']);
    const until = Date.now() + 60_000;
    await coolDown(['A'], until);
    await coolDown(['B'], Date.now() - 1);
    const posted = Date.now();
    await trackEvents(service, site, [
      makeEvent('buy', { user: 'u2', item: 'A' }),
      makeEvent('buy', { user: 'u2', item: 'B' }),
    ]);
    expect(await marksOf('A')).toMatchObject({ dueAt: until, cooldownUntil: until });
    const b = await marksOf('B');
    // due at the event's own time, unless another refresher has handled it already
    if (b.dueAt !== null) {
      expect(b.dueAt).toBeGreaterThanOrEqual(posted);
      expect(b.dueAt).toBeLessThanOrEqual(Date.now());
    }
  });

  it('leaves an item that is not due to later rounds, and refreshUntilClean takes it anyway', async () => {
    const refresher = service.recograph.refresher;
    await putItems(['C']);
    const until = Date.now() + 60_000;
    await coolDown(['C'], until);
    await trackEvents(service, site, [makeEvent('buy', { user: 'u4', item: 'C' })]);
    expect((await marksOf('C')).dueAt).toBe(until);

    await refresher.refreshOnce({ backlog: false });
    await refresher.refreshOnce({ siteId: site.id });
    expect((await marksOf('C')).dueAt).toBe(until);

    const before = Date.now();
    await refresher.refreshUntilClean({ siteId: site.id });
    const after = Date.now();
    const c = await marksOf('C');
    expect(c.dueAt).toBeNull();
    // this refresher's own interval, from the moment it handled C
    expect(c.cooldownUntil).toBeGreaterThanOrEqual(before + 60_000);
    expect(c.cooldownUntil).toBeLessThanOrEqual(after + 60_000);
    expect((await marks()).map((row) => row.dueAt)).toEqual([null, null, null]);
  });
});
