import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalChangeBus, type ChangeBus } from '../../src/changes/change-bus.js';
import { createLogger } from '../../src/logging/logger.js';
import type { QueryExecutor } from '../../src/graph/query-executor.js';
import {
  createSimilarityRefresher,
  type RefresherDeps,
} from '../../src/recommend/similarity/similarity-refresher.js';
import {
  fastLaneOnly,
  histories,
  trackInteractions,
  writeInteractions,
} from '../support/recommend-fixtures.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

/** How far ahead the paced refreshers' clock and marks run (see slowedRefresher). */
const CLOCK_AHEAD_MS = 3_600_000;

describe('the similarity refresher beside a busy event writer', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

  /** A refresher on the test graph beside an event writer that is `writer.writing` at `writer.load`. */
  const refresherBeside = (
    executor: QueryExecutor,
    changes: ChangeBus,
    writer: { writing: boolean; load: number },
    settings: RefresherDeps['settings'],
    clockAheadMs = 0,
  ) =>
    createSimilarityRefresher({
      executor,
      registry: graph.registry,
      changes,
      logger: createLogger('silent'),
      settings,
      writing: () => writer.writing,
      writeLoad: () => writer.load,
      now: () => Date.now() + clockAheadMs,
    });

  /** The limits of the fast lane's reads of dirty items, for one site's fresh events. */
  async function fastLaneLimits(writer: { writing: boolean; load: number }): Promise<number[]> {
    const siteId = uniqueSiteId('refresher-slices');
    const limits: number[] = [];
    // Only the fast lane runs; its reads of this site's dirty items are recorded.
    const executor = fastLaneOnly(graph.executor, (name, params) => {
      if (name === 'recommend/find-site-dirty-items' && params?.siteId === siteId)
        limits.push(Number(params.limit));
    });
    const changes = createLocalChangeBus();
    const refresher = refresherBeside(executor, changes, writer, { freshBatchSize: 8 });
    refresher.start();
    try {
      await trackInteractions(
        graph.executor,
        changes,
        siteId,
        histories('BOUGHT', { u1: ['A', 'B', 'C', 'D', 'E', 'F'] }),
      );
      const deadline = Date.now() + 8_000;
      while (limits.length === 0 && Date.now() < deadline) await sleep(20);
      return limits;
    } finally {
      await refresher.stop();
    }
  }

  it('takes the share of a round the writer leaves free', async () => {
    // busy 75 % of the time: a quarter of the 8 items per round
    expect((await fastLaneLimits({ writing: true, load: 0.75 }))[0]).toBe(2);
  });

  it('takes whole rounds while no events are being written', async () => {
    expect((await fastLaneLimits({ writing: false, load: 0.75 }))[0]).toBe(8);
  });

  /**
   * A refresher whose fast lane alone runs, beside a writer `writing` with load 0 (so a pause is
   * twice its statement), with `slow[statement]` ms added to that statement per element of its list
   * parameter. Records each statement's name, start, end and list length, and the limit of each
   * read of dirty items.
   */
  async function slowedRefresher(writing: boolean, slow: Record<string, number>) {
    const siteId = uniqueSiteId('refresher-pacing');
    const statements: { name: string; start: number; end: number; elements: number }[] = [];
    const limits: number[] = [];
    const elementsOf = (params: Record<string, unknown> | undefined): number =>
      (Object.values(params ?? {}).find((value) => Array.isArray(value)) as unknown[] | undefined)
        ?.length ?? 0;
    const executor = fastLaneOnly(graph.executor, async (name, params) => {
      if (name === 'recommend/find-site-dirty-items' && params?.siteId === siteId)
        limits.push(Number(params.limit));
      await sleep((slow[name] ?? 0) * elementsOf(params));
    });
    const timed: typeof executor = {
      ...executor,
      async run(name, params, options) {
        const start = performance.now();
        try {
          return await executor.run(name, params, options);
        } finally {
          statements.push({ name, start, end: performance.now(), elements: elementsOf(params) });
        }
      },
    };
    const changes = createLocalChangeBus();
    // Its clock and its items' marks run an hour ahead: other test files' refreshers (they share
    // the database) take only marks due by now, so they cannot recompute these items first and
    // leave this one nothing to write.
    const refresher = refresherBeside(
      timed,
      changes,
      { writing, load: 0 },
      { freshBatchSize: 8, busyStatementMs: 30 },
      CLOCK_AHEAD_MS,
    );
    refresher.start();
    /** When the last track returned (performance.now()). */
    let trackedAt = 0;
    const track = async (user: string, items: string[]) => {
      await trackInteractions(
        graph.executor,
        changes,
        siteId,
        histories('BOUGHT', { [user]: items }),
        Date.now() + CLOCK_AHEAD_MS,
      );
      trackedAt = performance.now();
    };
    /**
     * Waits until the fast lane has read dirty items `count` times, and a round that read them
     * after the last track has cleared its marks: on a busy machine a round of its own can come
     * between two tracks, so counting reads alone could return before the tracked items' round.
     */
    const rounds = async (count: number) => {
      const deadline = Date.now() + 10_000;
      const done = () => {
        const read = statements.find(
          (s) => s.name === 'recommend/find-site-dirty-items' && s.start >= trackedAt,
        );
        return (
          limits.length >= count &&
          read !== undefined &&
          statements.some((s) => s.name === 'recommend/clear-dirty-marks' && s.start >= read.end)
        );
      };
      while (!done() && Date.now() < deadline) await sleep(20);
    };
    return { refresher, statements, limits, track, rounds };
  }

  /**
   * One round for three items with each `also_bought` co-occurrence read slowed by 100 ms per
   * item: the gap after that read before the round's next statement.
   */
  async function gapAfterSlowRead(writing: boolean): Promise<number> {
    const { refresher, statements, track, rounds } = await slowedRefresher(writing, {
      'recommend/read-bought-cooccurrences': 100,
    });
    try {
      await track('u1', ['A', 'B', 'C']);
      await rounds(1);
      const at = statements.findIndex((s) => s.name === 'recommend/read-bought-cooccurrences');
      expect(at).toBeGreaterThanOrEqual(0);
      return statements[at + 1]!.start - statements[at]!.end;
    } finally {
      await refresher.stop();
    }
  }

  it('follows each statement with its own pause while events are being written', async () => {
    // the read took over 300 ms: the next statement waited twice as long
    expect(await gapAfterSlowRead(true)).toBeGreaterThanOrEqual(550);
  });

  it('runs a round without pauses while no events are being written', async () => {
    expect(await gapAfterSlowRead(false)).toBeLessThan(250);
  });

  it('sizes its rounds by what its reads cost per item while events are being written', async () => {
    const { refresher, limits, track, rounds } = await slowedRefresher(true, {
      'recommend/read-bought-cooccurrences': 40,
    });
    try {
      await track('u1', ['A', 'B', 'C', 'D']);
      await rounds(1);
      expect(limits[0]).toBe(8); // nothing measured yet
      await track('u2', ['E', 'F']);
      await rounds(2);
      // 40 ms per item read, and a statement should take about 30 ms: one item per round
      expect(limits[1]).toBe(1);
    } finally {
      await refresher.stop();
    }
  });

  it('writes similar edges in smaller statements when they cost more while events are written', async () => {
    const { refresher, statements, track, rounds } = await slowedRefresher(true, {
      'recommend/write-similar-edges': 20,
    });
    const edgeWrites = () =>
      statements.filter((s) => s.name === 'recommend/write-similar-edges').map((s) => s.elements);
    try {
      await track('u1', ['A', 'B', 'C']);
      await rounds(1);
      const first = edgeWrites();
      expect(Math.max(...first)).toBeGreaterThan(1); // nothing measured yet: A, B and C's lists at once
      await track('u2', ['A', 'D', 'E']);
      await rounds(2);
      // 20 ms per edge, and a statement should take about 30 ms: one edge per statement
      expect(edgeWrites().slice(first.length).length).toBeGreaterThan(0);
      expect(Math.max(...edgeWrites().slice(first.length))).toBe(1);
    } finally {
      await refresher.stop();
    }
  });

  /**
   * The cooldowns (ms from when each was sent) that a refresher beside `writer` gives the items it
   * recomputes: in a round of its loop after an event, and in an unpaced refreshOnce.
   */
  async function cooldowns(writer: { writing: boolean; load: number }) {
    const siteId = uniqueSiteId('refresher-cooldown');
    const given: number[] = [];
    const executor = fastLaneOnly(graph.executor, (name, params) => {
      if (name === 'recommend/clear-dirty-marks')
        given.push(Number(params?.cooldownUntil) - Date.now());
    });
    const changes = createLocalChangeBus();
    const refresher = refresherBeside(executor, changes, writer, { minIntervalMs: 10_000 });
    refresher.start();
    try {
      await trackInteractions(graph.executor, changes, siteId, histories('BOUGHT', { u1: ['A'] }));
      const deadline = Date.now() + 8_000;
      while (given.length === 0 && Date.now() < deadline) await sleep(20);
      const inLoop = given[0];
      // marked due in an hour, so that no refresher's loop (other test files share the database)
      // takes them first; refreshOnce is asked for every mark
      await writeInteractions(
        graph.executor,
        siteId,
        histories('BOUGHT', { u2: ['A', 'B'] }),
        Date.now() + 3_600_000,
      );
      given.length = 0;
      await refresher.refreshOnce({ siteId, dueBy: Number.MAX_SAFE_INTEGER });
      return { inLoop, unpaced: given[0] };
    } finally {
      await refresher.stop();
    }
  }

  it('cools a recomputed item down for longer the busier the writer, in its loop only', async () => {
    // busy 80 % of the time: 10 s / (1 - 0.8) in the loop; refreshOnce keeps the interval
    const busy = await cooldowns({ writing: true, load: 0.8 });
    expect(busy.inLoop).toBeGreaterThan(49_000);
    expect(busy.inLoop).toBeLessThanOrEqual(50_000);
    expect(busy.unpaced).toBeGreaterThan(9_000);
    expect(busy.unpaced).toBeLessThanOrEqual(10_000);
    // no events being written: the interval itself, whatever load was last reported
    const idle = await cooldowns({ writing: false, load: 0.8 });
    expect(idle.inLoop).toBeGreaterThan(9_000);
    expect(idle.inLoop).toBeLessThanOrEqual(10_000);
  });
});
