import { itemKey } from '../candidate.js';
import { weighHistory } from '../interaction-weights.js';
import { candidatesFromLists } from './list-candidates.js';
import { EMPTY_LIST } from './neighbour-scoring.js';
import type { RecommendationModel } from './model.js';
import type { SimilarityReads } from './similarity-reads.js';

/**
 * personalized: the user's capped recent history, weighted by interaction and recency
 * (interaction-weights.ts), expanded through the personalized SIMILAR lists and summed.
 */
export function createPersonalizedModel(reads: SimilarityReads): RecommendationModel {
  return {
    needs: 'user',
    async fetch(request) {
      const profile = await request.session.userProfile();
      const history = weighHistory(profile.history, request.now).filter(
        (entry) => entry.weight !== 0,
      );
      if (!history.some((entry) => entry.weight > 0)) return [];
      const lists = await reads.similarLists(request.siteId, 'personalized', history);
      return candidatesFromLists(
        reads,
        request,
        history.map((entry) => ({
          id: entry.id,
          weight: entry.weight,
          neighbours: lists.get(itemKey(entry.type, entry.id)) ?? EMPTY_LIST,
        })),
        { positiveOnly: true },
      );
    },
  };
}
