import type { ChangeBus } from '../changes/change-bus.js';
import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import { itemKey, type Candidate, type CandidateRow } from './candidate.js';
import { categoryScope, isEligible, type EligibilityRules } from './candidate-filter.js';
import { createModels } from './models/create-models.js';
import { createRankedPageCache } from './models/ranked-page-cache.js';
import type { ContextItem, RequestSession } from './models/model.js';
import {
  createSimilarityReads,
  SIMILARITY_READ_DEFAULTS,
  SIMILARITY_READ_UNCACHED,
} from './models/similarity-reads.js';
import { createUserProfiles, PROFILE_CACHE_DEFAULTS } from './models/user-profile.js';
import { pickAttributes } from './pick-attributes.js';
import { createRecommendationCache, type RecommendationCache } from './recommendation-cache.js';
import { deriveRecommendationId } from './recommendation-identity.js';
import { fetchLimitFor, planRecommendation, type RecommendRequest } from './recommendation-plan.js';
import type { ModelName } from './scenario-config.js';
import type { ScenarioStore } from './scenario-store.js';

export type { RecommendRequest } from './recommendation-plan.js';

export interface RecommendedItem {
  id: string;
  type: string;
  score: number;
  model: string;
  reason: { model: string; because?: string[] };
  attributes: Record<string, unknown>;
}

export interface Recommendation {
  recommendationId: string;
  scenario: string;
  items: RecommendedItem[];
}

export interface RecommenderDeps {
  executor: QueryExecutor;
  registry: CypherRegistry;
  scenarios: ScenarioStore;
  /** Invalidates cached answers; without it nothing is cached. */
  changes?: ChangeBus;
  cache?: RecommendationCache<Recommendation>;
  now?: () => number;
}

export type Recommender = ReturnType<typeof createRecommender>;

/**
 * Runs a scenario's model chain: each model proposes candidates (Cypher, bounded), the request's
 * filters keep the eligible ones, earlier models fill first and the chain always ends with popular.
 */
export function createRecommender(deps: RecommenderDeps) {
  const { executor, scenarios } = deps;
  const now = deps.now ?? Date.now;
  const cache = deps.changes
    ? (deps.cache ?? createRecommendationCache<Recommendation>())
    : undefined;
  // Ranked pages are kept only where a change bus says when a site's items or scores moved.
  const pages = deps.changes ? createRankedPageCache<CandidateRow[]>() : undefined;
  // SIMILAR lists and item details likewise, per item (models/similarity-reads.ts).
  const reads = createSimilarityReads(
    executor,
    deps.changes ? SIMILARITY_READ_DEFAULTS : SIMILARITY_READ_UNCACHED,
  );
  // And each user's history and exclusions, until their next event.
  const profiles = createUserProfiles(
    executor,
    deps.changes ? createRecommendationCache(PROFILE_CACHE_DEFAULTS, now) : undefined,
  );
  deps.changes?.subscribe((change) => {
    cache?.observe(change);
    reads.observe(change);
    profiles.observe(change);
    if (change.kind !== 'user-event') pages?.invalidateSite(change.siteId);
  });
  deps.changes?.onResync(() => {
    cache?.clear();
    reads.clear();
    profiles.clear();
    pages?.clear();
  });
  scenarios.subscribe((siteId) => cache?.invalidateSite(siteId));
  const models = createModels(executor, deps.registry, reads, pages);
  deps.registry.get('recommend/read-context-items');

  /** Answers from the cache while nothing it depends on changed (recommendation-cache.ts). */
  async function recommend(siteId: string, request: RecommendRequest): Promise<Recommendation> {
    if (!cache) return compute(siteId, request);
    const key = cacheKey(siteId, request);
    const cached = cache.get(key);
    if (cached) return cached;
    const sequence = cache.begin();
    const recommendation = await compute(siteId, request);
    cache.set(key, recommendation, { siteId, user: request.user ?? null, sequence });
    return recommendation;
  }

  async function compute(siteId: string, request: RecommendRequest): Promise<Recommendation> {
    const scenario = await scenarios.get(siteId, request.scenario);
    const plan = planRecommendation(scenario, request);
    const at = now();
    const contextItems = memoize(() =>
      plan.context.length === 0
        ? Promise.resolve([])
        : executor.run<ContextItem>('recommend/read-context-items', {
            siteId,
            context: plan.context,
          }),
    );
    const picked: { candidate: Candidate; model: ModelName }[] = [];
    const excluded = new Set(plan.excluded);
    const rules: EligibilityRules = {
      now: at,
      availableOnly: plan.filters.availableOnly,
      itemTypes: plan.filters.itemTypes,
      excluded,
      category: plan.category,
      categoryMode: plan.filters.categoryMode,
      contextCategories:
        plan.filters.categoryMode === 'any'
          ? []
          : (await contextItems()).flatMap((item) => item.categories),
    };
    const session: RequestSession = {
      contextItems,
      categoryScope: async () => categoryScope(rules),
      userProfile: memoize(() =>
        profiles.read({
          siteId,
          user: plan.user,
          excludedRelationships: plan.excludedRelationships,
          withHistory:
            plan.chain.includes('personalized') || plan.chain.includes('recently_viewed'),
        }),
      ),
    };
    for (const name of plan.chain) {
      const need = plan.limit - picked.length;
      if (need <= 0) break;
      const model = models[name];
      if (
        (model.needs === 'context' && plan.context.length === 0) ||
        (model.needs === 'user' && plan.user === null)
      )
        continue;
      const candidates = await model.fetch({
        siteId,
        user: plan.user,
        context: plan.context,
        excludedRelationships: plan.excludedRelationships,
        need,
        fetchLimit: fetchLimitFor(need, picked.length, plan.excluded.size),
        accept: (candidate) => isEligible(candidate, rules),
        session,
        now: at,
      });
      for (const candidate of candidates) {
        if (picked.length >= plan.limit) break;
        if (!isEligible(candidate, rules)) continue;
        picked.push({ candidate, model: name });
        excluded.add(itemKey(candidate.type, candidate.id));
      }
    }
    const items = picked.map(({ candidate, model }) =>
      toRecommendedItem(candidate, model, plan.attributes),
    );
    const recommendationId = deriveRecommendationId({
      siteId,
      scenario: plan.scenario,
      user: plan.user,
      context: plan.context.map((item) => item.id),
      items,
    });
    return { recommendationId, scenario: plan.scenario, items };
  }

  return {
    recommend,
    /** Entries, weight, hits and misses of the SIMILAR-list and item-detail caches (for /metrics). */
    cacheStats: () => reads.stats(),
  };
}

function toRecommendedItem(
  candidate: Candidate,
  model: ModelName,
  attributes: readonly string[],
): RecommendedItem {
  const reason: RecommendedItem['reason'] = { model: candidate.reasonModel ?? model };
  if (candidate.because && candidate.because.length > 0) reason.because = candidate.because;
  return {
    id: candidate.id,
    type: candidate.type,
    score: Math.round(candidate.score * 1e6) / 1e6,
    model,
    reason,
    attributes: pickAttributes(candidate, attributes),
  };
}

function cacheKey(siteId: string, request: RecommendRequest): string {
  const { scenario, user, context, itemType, limit, category, exclude, attributes } = request;
  return JSON.stringify([
    siteId,
    scenario,
    user,
    context,
    itemType,
    limit,
    category,
    exclude,
    attributes,
  ]);
}

function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}
