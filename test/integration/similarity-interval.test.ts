import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../support/events.js';
import { createTestSite, trackEvents, type TestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * SIMILARITY_MIN_INTERVAL_MS: an item recomputed less than the interval ago is marked due at the
 * interval's end, so the refresher's rounds skip it until then; refreshUntilClean takes it anyway.
 * The services run no background work, so only the calls here refresh.
 */
describe('the similarity refresher recomputes an item at most once per SIMILARITY_MIN_INTERVAL_MS', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

  const marks = async (siteId: string) =>
    (
      await graph.executor.runText(
        `MATCH (i:Item {siteId: $siteId})
         RETURN i.id AS id, i.similarityDirtyAt AS dueAt, i.similarityCooldownUntil AS cooldownUntil
         ORDER BY id`,
        { siteId },
        { mode: 'read' },
      )
    ).records.map(
      (record) => record.toObject() as { id: string; dueAt: unknown; cooldownUntil: unknown },
    );
  const asNumber = (value: unknown) => (value === null ? null : Number(value));

  describe('with a minute', () => {
    let service: TestService;
    let site: TestSite;
    beforeAll(async () => {
      service = await startTestService({
        BACKGROUND_WORK: '0',
        SIMILARITY_MIN_INTERVAL_MS: '60000',
      });
      site = await createTestSite(service);
    });
    afterAll(() => service.close());

    it('holds back a just-recomputed item until the interval ends, and only that item', async () => {
      const refresher = service.recograph.refresher;
      await trackEvents(service, site, [
        makeEvent('buy', { user: 'u1', item: 'A' }),
        makeEvent('buy', { user: 'u1', item: 'B' }),
      ]);
      const before = Date.now();
      await refresher.refreshUntilClean({ siteId: site.id });
      const after = Date.now();
      const refreshed = await marks(site.id);
      expect(refreshed.map((row) => [row.id, row.dueAt])).toEqual([
        ['A', null],
        ['B', null],
      ]);
      for (const row of refreshed) {
        expect(asNumber(row.cooldownUntil)).toBeGreaterThanOrEqual(before + 60_000);
        expect(asNumber(row.cooldownUntil)).toBeLessThanOrEqual(after + 60_000);
      }

      // A again (within its interval) and C (never computed)
      await trackEvents(service, site, [
        makeEvent('buy', { user: 'u2', item: 'A' }),
        makeEvent('buy', { user: 'u2', item: 'C' }),
      ]);
      const dirty = await marks(site.id);
      const a = dirty.find((row) => row.id === 'A')!;
      const c = dirty.find((row) => row.id === 'C')!;
      expect(asNumber(a.dueAt)).toBe(asNumber(a.cooldownUntil));
      expect(asNumber(c.dueAt)).toBeLessThanOrEqual(Date.now());

      // a round takes what is due: C, not A
      expect(await refresher.refreshOnce({ backlog: false })).toMatchObject({ items: 1 });
      const afterRound = await marks(site.id);
      expect(afterRound.find((row) => row.id === 'C')!.dueAt).toBeNull();
      expect(asNumber(afterRound.find((row) => row.id === 'A')!.dueAt)).toBe(
        asNumber(a.cooldownUntil),
      );
      expect(await refresher.refreshOnce({ siteId: site.id })).toMatchObject({ items: 0 });

      // imports and tests take every mark, due or not
      expect(await refresher.refreshUntilClean({ siteId: site.id })).toMatchObject({ items: 1 });
      expect((await marks(site.id)).map((row) => row.dueAt)).toEqual([null, null, null]);
    });
  });

  describe('with 0', () => {
    let service: TestService;
    let site: TestSite;
    beforeAll(async () => {
      service = await startTestService({ BACKGROUND_WORK: '0', SIMILARITY_MIN_INTERVAL_MS: '0' });
      site = await createTestSite(service);
    });
    afterAll(() => service.close());

    it('recomputes an item in the next round after every event', async () => {
      const refresher = service.recograph.refresher;
      await trackEvents(service, site, [
        makeEvent('buy', { user: 'u1', item: 'A' }),
        makeEvent('buy', { user: 'u1', item: 'B' }),
      ]);
      await refresher.refreshUntilClean({ siteId: site.id });
      await trackEvents(service, site, [makeEvent('buy', { user: 'u2', item: 'A' })]);
      expect(await refresher.refreshOnce({ backlog: false })).toMatchObject({ items: 1 });
      expect((await marks(site.id)).map((row) => row.dueAt)).toEqual([null, null]);
    });
  });
});
