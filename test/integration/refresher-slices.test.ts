import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalChangeBus } from '../../src/changes/change-bus.js';
import { createLogger } from '../../src/logging/logger.js';
import { createSimilarityRefresher } from '../../src/recommend/similarity/similarity-refresher.js';
import { fastLaneOnly, histories, trackInteractions } from '../support/recommend-fixtures.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

describe('the similarity refresher beside a busy event writer', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

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
    const refresher = createSimilarityRefresher({
      executor,
      registry: graph.registry,
      changes,
      logger: createLogger('silent'),
      settings: { freshBatchSize: 8 },
      writing: () => writer.writing,
      writeLoad: () => writer.load,
    });
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
});
