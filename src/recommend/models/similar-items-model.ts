import { itemKey } from '../candidate.js';
import { candidatesFromLists } from './list-candidates.js';
import { EMPTY_LIST } from './neighbour-scoring.js';
import type { RecommendationModel } from './model.js';
import type { SimilarityReads } from './similarity-reads.js';

/** also_bought, also_viewed, also_consumed: the context items' materialised SIMILAR lists, summed. */
export function createSimilarItemsModel(
  reads: SimilarityReads,
  model: 'also_bought' | 'also_viewed' | 'also_consumed',
): RecommendationModel {
  return {
    needs: 'context',
    async fetch(request) {
      const [lists] = await Promise.all([
        reads.similarLists(request.siteId, model, request.context),
        request.session.userProfile(), // read meanwhile; candidatesFromLists awaits it
      ]);
      return candidatesFromLists(
        reads,
        request,
        request.context.map((item) => ({
          id: item.id,
          weight: 1,
          neighbours: lists.get(itemKey(item.type, item.id)) ?? EMPTY_LIST,
        })),
        { positiveOnly: false },
      );
    },
  };
}
