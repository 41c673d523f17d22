import { createLocalChangeBus, type Change } from '../../src/changes/change-bus.js';
import { createCatalog } from '../../src/catalog/catalog-service.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRecommender, type RecommendRequest } from '../../src/recommend/recommender.js';
import { scenarioConfig } from '../../src/recommend/scenario-config.js';
import { createScenarioStore } from '../../src/recommend/scenario-store.js';
import { createSimilarityRefresher } from '../../src/recommend/similarity/similarity-refresher.js';
import type { TestGraph } from './test-graph.js';

/** The recommendation modules on the test graph, without HTTP and without the background loop. */
export function createRecommendHarness(graph: TestGraph) {
  const { executor, registry } = graph;
  const changes = createLocalChangeBus();
  const published: Change[] = [];
  changes.subscribe((change) => published.push(change));
  const scenarios = createScenarioStore({ executor, registry });
  const recommender = createRecommender({ executor, registry, scenarios, changes });
  const refresher = createSimilarityRefresher({
    executor,
    registry,
    changes,
    logger: createLogger('silent'),
  });
  const catalog = createCatalog({ executor, registry, changes });
  return {
    changes,
    published,
    scenarios,
    recommender,
    refresher,
    catalog,
    /** Creates or replaces a scenario from a partial config (defaults filled by the schema). */
    async scenario(siteId: string, id: string, config: unknown): Promise<void> {
      await scenarios.put(siteId, id, scenarioConfig.parse(config));
    },
    async recommend(siteId: string, request: RecommendRequest) {
      return recommender.recommend(siteId, request);
    },
    /** The ids of a recommendation, in order. */
    async ids(siteId: string, request: RecommendRequest): Promise<string[]> {
      return (await recommender.recommend(siteId, request)).items.map((item) => item.id);
    },
  };
}
