import type { ItemRef } from '../changes/change-bus.js';
import { itemKey } from './candidate.js';
import {
  excludedRelationships,
  planModelChain,
  type ModelName,
  type Scenario,
  type ScenarioFilters,
} from './scenario-config.js';

/** `createRecommender().recommend()` input (HELPERS.md, module interfaces). */
export interface RecommendRequest {
  scenario: string;
  user?: string;
  /** Ids of the items the page shows (of `itemType`). */
  context?: string[];
  /** Type of the context and exclude ids; defaults to the scenario's first item type, else "product". */
  itemType?: string;
  limit?: number;
  category?: string;
  exclude?: string[];
  attributes?: string[];
}

export interface RecommendationPlan {
  scenario: string;
  limit: number;
  chain: ModelName[];
  user: string | null;
  context: ItemRef[];
  excludedRelationships: string[];
  /** Keys never returned: the request's exclude list and, with excludeContext, the context. */
  excluded: Set<string>;
  filters: ScenarioFilters;
  category: string | undefined;
  attributes: string[];
}

export const DEFAULT_ITEM_TYPE = 'product';

/** Turns a scenario and a request into what the recommender runs (pure). */
export function planRecommendation(
  scenario: Scenario,
  request: RecommendRequest,
): RecommendationPlan {
  const itemType = request.itemType ?? scenario.filters.itemTypes?.[0] ?? DEFAULT_ITEM_TYPE;
  const context = [...new Set(request.context ?? [])].map((id) => ({ type: itemType, id }));
  const excluded = new Set((request.exclude ?? []).map((id) => itemKey(itemType, id)));
  if (scenario.filters.excludeContext)
    for (const item of context) excluded.add(itemKey(item.type, item.id));
  return {
    scenario: scenario.id,
    limit: request.limit ?? scenario.limit,
    chain: planModelChain(scenario.models),
    user: request.user ?? null,
    context,
    excludedRelationships: excludedRelationships(scenario.filters.excludeEventTypes),
    excluded,
    filters: scenario.filters,
    category: request.category,
    attributes: request.attributes ?? scenario.attributes,
  };
}

/** Candidates a model is asked for: what is missing, plus what the filters may drop. */
export function fetchLimitFor(need: number, alreadyPicked: number, excluded: number): number {
  return Math.min(500, 2 * need + alreadyPicked + excluded + 10);
}
