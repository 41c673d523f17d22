import type { QueryExecutor } from '../../graph/query-executor.js';
import { toCandidate, type CandidateRow } from '../candidate.js';
import { userParams, type RecommendationModel } from './model.js';

/** also_bought, also_viewed, also_consumed: the context items' materialised SIMILAR lists. */
export function createSimilarItemsModel(
  executor: QueryExecutor,
  model: 'also_bought' | 'also_viewed' | 'also_consumed',
): RecommendationModel {
  return {
    needs: 'context',
    async fetch(request) {
      const rows = await executor.run<CandidateRow>('recommend/similar-items', {
        ...userParams(request),
        model,
        context: request.context,
        limit: request.fetchLimit,
      });
      return rows.map(toCandidate);
    },
  };
}
