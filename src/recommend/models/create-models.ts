import type { CypherRegistry } from '../../graph/cypher-registry.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import type { ModelName } from '../scenario-config.js';
import { createUltimatelyBoughtModel } from './context-models.js';
import type { RecommendationModel } from './model.js';
import { createPersonalizedModel } from './personalized-model.js';
import { createRecentlyViewedModel } from './recently-viewed-model.js';
import { createRankedListModel } from './ranked-list-model.js';
import type { RankedPageCache } from './ranked-page-cache.js';
import type { CandidateRow } from '../candidate.js';
import { createSimilarContentModel } from './similar-content-model.js';
import { createSimilarItemsModel } from './similar-items-model.js';
import type { SimilarityReads } from './similarity-reads.js';

const MODEL_QUERIES = [
  'read-similar-lists',
  'read-item-details',
  'read-user-profile',
  'read-excluded-among',
  'read-context-items',
  'similar-content-items',
  'ultimately-bought-items',
  ...['popular', 'trending', 'new'].flatMap((list) => [
    `${list}-items`,
    `${list}-items-in-categories`,
  ]),
].map((name) => `recommend/${name}`);

/** Every model of SPEC section 5, by name. */
export function createModels(
  executor: QueryExecutor,
  registry: CypherRegistry,
  reads: SimilarityReads,
  pages?: RankedPageCache<CandidateRow[]>,
): Record<ModelName, RecommendationModel> {
  for (const name of MODEL_QUERIES) registry.get(name);
  return {
    also_bought: createSimilarItemsModel(reads, 'also_bought'),
    also_viewed: createSimilarItemsModel(reads, 'also_viewed'),
    also_consumed: createSimilarItemsModel(reads, 'also_consumed'),
    ultimately_bought: createUltimatelyBoughtModel(executor),
    personalized: createPersonalizedModel(reads),
    popular: createRankedListModel(executor, 'popular', pages),
    trending: createRankedListModel(executor, 'trending', pages),
    new: createRankedListModel(executor, 'new', pages),
    similar_content: createSimilarContentModel(executor),
    recently_viewed: createRecentlyViewedModel(reads),
  };
}
