import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueryExecutor } from '../../src/graph/query-executor.js';
import { createLogger } from '../../src/logging/logger.js';
import { createStatsRollup } from '../../src/stats/stats-rollup.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

describe('statistics rollup ranges', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

  it('counts a backlog larger than one read exactly once, never splitting a millisecond', async () => {
    const logger = createLogger('silent');
    // Other test files store events too: catch up with them first, so the small reads below
    // reach this test's events.
    await createStatsRollup({ ...graph, logger, settleMs: 0 }).rollupOnce();

    const siteId = uniqueSiteId('rollup-ranges');
    const base = Date.now() + 300;
    // 9 records stored one per millisecond, then 5 in one millisecond (one flush stamps one
    // storedAt on all its rows), then 2 more: reads of at most 3 must narrow their ranges
    const offsets = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 10, 10, 10, 10, 12, 13];
    await graph.executor.runText(
      `UNWIND range(0, size($offsets) - 1) AS n
       CREATE (:Event {siteId: $siteId, id: 'e' + n, type: 'view', user: 'u' + n, itemType: 'product',
         item: 'A', at: $base, storedAt: $base + $offsets[n]})`,
      { siteId, base, offsets },
    );
    while (Date.now() <= base + 13) await sleep(20);

    const reads: { limit: number; rows: number }[] = [];
    const spy: QueryExecutor = {
      ...graph.executor,
      run: async (name, params, options) => {
        const rows = await graph.executor.run(name, params, options);
        if (name === 'stats/read-events-in-range')
          reads.push({ limit: Number(params?.limit), rows: rows.length });
        return rows as never;
      },
    };
    const rollup = createStatsRollup({
      ...graph,
      executor: spy,
      logger,
      settleMs: 0,
      maxEvents: 3,
    });
    for (let run = 0; run < 20 && ((await rollup.countedUntil()) ?? 0) < base + 13; run += 1)
      await rollup.rollupOnce();

    expect(await rollup.countedUntil()).toBeGreaterThanOrEqual(base + 13);
    const counters = await graph.executor.run<{ metric: string; value: number }>(
      'stats/read-daily-stats',
      { siteId, from: dayOf(base), to: dayOf(base) },
    );
    expect(counters).toEqual([expect.objectContaining({ metric: 'events.view', value: 16 })]);
    // 16 records in reads of at most 3 (each asks for 4: one more finds the cut), and one read
    // of the crowded millisecond whole (other test files' events may add reads of either kind)
    expect(reads.filter((read) => read.limit === 4).length).toBeGreaterThanOrEqual(5);
    expect(reads.some((read) => read.limit > 4 && read.rows >= 5)).toBe(true);
  });

  /**
   * Counts every event stored so far (other test files store events too), then stores 12 of a new
   * site one millisecond apart and waits until they are in the past; returns the first one's time.
   */
  async function storeTwelveEvents(name: string): Promise<number> {
    await createStatsRollup({ ...graph, logger: createLogger('silent'), settleMs: 0 }).rollupOnce();
    const siteId = uniqueSiteId(name);
    const base = Date.now() + 100;
    await graph.executor.runText(
      `UNWIND range(0, 11) AS n
       CREATE (:Event {siteId: $siteId, id: 'e' + n, type: 'view', user: 'u' + n, itemType: 'product',
         item: 'A', at: $base, storedAt: $base + n})`,
      { siteId, base },
    );
    while (Date.now() <= base + 11) await sleep(20);
    return base;
  }

  it('reads fewer events per range while events are being written', async () => {
    const logger = createLogger('silent');
    const base = await storeTwelveEvents('rollup-slices');
    const limits: number[] = [];
    const spy: QueryExecutor = {
      ...graph.executor,
      run: (statement, params, options) => {
        if (statement === 'stats/read-events-in-range') limits.push(Number(params?.limit));
        return graph.executor.run(statement, params, options);
      },
    };
    // the writer busy 75 % of the time: a quarter of the 8 events per range (each read asks for
    // one more, to find the cut)
    const rollup = createStatsRollup({
      ...graph,
      executor: spy,
      logger,
      settleMs: 0,
      maxEvents: 8,
      writing: () => true,
      writeLoad: () => 0.75,
    });
    await rollup.rollupOnce();
    expect(await rollup.countedUntil()).toBeGreaterThanOrEqual(base + 11);
    expect(limits.length).toBeGreaterThanOrEqual(6);
    expect(limits.every((limit) => limit === 3)).toBe(true);
  });

  /**
   * A rollup with 12 events to count in ranges of 1 (the busiest writer leaves a tenth of the 3
   * asked for, and a backlog after each range), every pause ten times the base (20 times its
   * range), each range slowed to at least 150 ms, so every pause lasts at least 3 s. `readsAt`
   * records when each range began.
   */
  async function pausingRollup(name: string, writing: () => boolean) {
    const logger = createLogger('silent');
    await storeTwelveEvents(name);
    const readsAt: number[] = [];
    const spy: QueryExecutor = {
      ...graph.executor,
      run: async (statement, params, options) => {
        if (statement === 'stats/read-events-in-range') {
          readsAt.push(performance.now());
          await sleep(150);
        }
        return graph.executor.run(statement, params, options);
      },
    };
    const rollup = createStatsRollup({
      ...graph,
      executor: spy,
      logger,
      settleMs: 0,
      maxEvents: 3,
      intervalMs: 20,
      writing,
      writeLoad: () => 1,
    });
    rollup.start();
    while (readsAt.length === 0) await sleep(10);
    await sleep(400); // inside the pause after the first range
    return { rollup, readsAt };
  }

  it('stops at once while it pauses for a busy event writer', async () => {
    const { rollup, readsAt } = await pausingRollup('rollup-stop', () => true);
    const stopping = Date.now();
    await rollup.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    expect(readsAt.length).toBeLessThan(4); // it did not work off the backlog
  });

  it('ends a pause made for event writes as soon as the writes stop', async () => {
    let writing = true;
    const { rollup, readsAt } = await pausingRollup('rollup-resume', () => writing);
    writing = false;
    const resumed = performance.now();
    while (readsAt.length < 2 && performance.now() - resumed < 5_000) await sleep(10);
    await rollup.stop();
    expect(readsAt.length).toBeGreaterThanOrEqual(2);
    expect(readsAt[1]! - resumed).toBeLessThan(1_000);
  });
});
