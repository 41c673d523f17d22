import { buildContentQuery } from '../../catalog/content-tokens.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { toCandidate, type CandidateRow } from '../candidate.js';
import { MODEL_DEFAULTS, userParams, type RecommendationModel } from './model.js';

/** similar_content: items sharing categories and attributes with the context (full-text index). */
export function createSimilarContentModel(executor: QueryExecutor): RecommendationModel {
  return {
    needs: 'context',
    async fetch(request) {
      const context = await request.session.contextItems();
      const query = buildContentQuery(
        context.flatMap((item) => item.contentTokens?.split(' ') ?? []),
      );
      if (query === null) return [];
      const rows = await executor.run<CandidateRow>('recommend/similar-content-items', {
        ...userParams(request),
        query,
        scanLimit: Math.max(MODEL_DEFAULTS.contentScan, request.fetchLimit * 2),
        limit: request.fetchLimit,
      });
      const because = context.filter((item) => item.contentTokens).map((item) => item.id);
      return rows.map((row) => ({ ...toCandidate(row), because }));
    },
  };
}
