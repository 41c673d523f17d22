import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRecograph, EVAL_SCENARIO } from '../../bench/eval/recograph-evaluation.js';
import { evaluateRankings, groupRelevantItems } from '../../bench/eval/metrics.js';
import { splitPerUser } from '../../bench/eval/split.js';
import type { Interaction } from '../../bench/eval/csv-reader.js';
import { deleteBenchSite } from '../../bench/support/delete-site.js';
import { createJsonHttp } from '../../bench/support/json-http.js';
import { createRecographApi } from '../../bench/support/recograph-api.js';
import { waitForSimilarityRefresher } from '../../bench/support/similarity-backlog.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, TEST_ADMIN_TOKEN, type TestService } from '../support/test-service.js';

/** Two taste groups: users 0-19 like items a0-a9, users 20-39 like b0-b9, a few cross over. */
function twoGroups(): Interaction[] {
  const rows: Interaction[] = [];
  const day = 86_400_000;
  for (let user = 0; user < 40; user += 1) {
    const group = user < 20 ? 'a' : 'b';
    for (let item = 0; item < 10; item += 1)
      if ((user + item) % 3 !== 0)
        rows.push({
          user: `u${user}`,
          item: `${group}${item}`,
          rating: 4,
          timestamp: 1_600_000_000_000 + (user * 10 + item) * day,
        });
    rows.push({
      user: `u${user}`,
      item: `${group === 'a' ? 'b' : 'a'}${user % 10}`,
      timestamp: 1_600_000_000_000,
    });
  }
  return rows;
}

describe('the quality harness against the real service', () => {
  let service: TestService;
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  it('loads the training rows, gets k recommendations per test user without their training items, and deletes the site', async () => {
    const { train, test } = splitPerUser(twoGroups(), {
      kind: 'random',
      testFraction: 0.25,
      seed: 42,
    });
    const trainingUsers = new Set(train.map((row) => row.user));
    const relevant = groupRelevantItems(test, trainingUsers);
    const http = createJsonHttp(service.baseUrl);
    const log: string[] = [];
    try {
      const result = await evaluateRecograph({
        api: createRecographApi(http),
        adminToken: TEST_ADMIN_TOKEN,
        train,
        users: [...relevant.keys()],
        k: 5,
        eventType: 'rate',
        itemType: 'movie',
        timestamps: 'shift',
        settleTimeoutMs: 60_000,
        awaitRefresher: (siteId) =>
          waitForSimilarityRefresher(graph.driver, siteId, {
            timeoutMs: 60_000,
            intervalMs: 500,
            log: (line) => log.push(line),
          }),
        log: (line) => log.push(line),
      });

      expect(result.rankings.size).toBe(relevant.size);
      for (const [user, items] of result.rankings) {
        const own = new Set(train.filter((row) => row.user === user).map((row) => row.item));
        expect(items, user).toHaveLength(5);
        expect(
          items.filter((item) => own.has(item)),
          user,
        ).toEqual([]);
      }
      const metrics = evaluateRankings({
        rankings: result.rankings,
        relevant,
        k: 5,
        catalogueSize: 20,
      });
      expect(metrics.users).toBe(relevant.size);
      expect(log.some((line) => line.includes(EVAL_SCENARIO) || line.includes('created'))).toBe(
        true,
      );

      await deleteBenchSite(graph.driver, result.siteId, { log: () => {} });
      const [left] = await graph.executor.run<{ items: number }>('bench/count-similarity-backlog', {
        siteId: result.siteId,
      });
      expect(left?.items).toBe(0);
    } finally {
      await http.close();
    }
  }, 180_000);
});
