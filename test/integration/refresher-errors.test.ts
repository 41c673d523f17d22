import { afterAll, describe, expect, it } from 'vitest';
import { createLocalChangeBus } from '../../src/changes/change-bus.js';
import { AppError } from '../../src/errors/app-error.js';
import { createLogger } from '../../src/logging/logger.js';
import { createSimilarityRefresher } from '../../src/recommend/similarity/similarity-refresher.js';
import { fastLaneOnly, histories, trackInteractions } from '../support/recommend-fixtures.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

describe('the similarity refresher after an error', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

  it('refreshes a site whose fresh events met an error on the next round, without the backlog', async () => {
    const siteId = uniqueSiteId('refresher-error');
    let failures = 0;
    // Only the fast lane can see this site's events; the first read of its dirty items fails.
    const executor = fastLaneOnly(graph.executor, (name) => {
      if (name === 'recommend/find-site-dirty-items' && failures === 0) {
        failures += 1;
        throw new AppError('GRAPH_QUERY_FAILED', 'injected failure');
      }
    });
    const changes = createLocalChangeBus();
    const refresher = createSimilarityRefresher({
      executor,
      registry: graph.registry,
      changes,
      logger: createLogger('silent'),
    });
    refresher.start();
    try {
      await trackInteractions(
        graph.executor,
        changes,
        siteId,
        histories('BOUGHT', { u1: ['D', 'E'] }),
      );
      const deadline = Date.now() + 8_000;
      let neighbours: string[] = [];
      while (Date.now() < deadline) {
        const [row] = await graph.executor.run<{ ids: string[] }>('recommend/read-similar-lists', {
          siteId,
          model: 'also_bought',
          items: [{ type: 'product', id: 'D' }],
        });
        neighbours = row?.ids ?? [];
        if (neighbours.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(failures).toBe(1);
      expect(neighbours).toEqual(['E']);
    } finally {
      await refresher.stop();
    }
  });
});
