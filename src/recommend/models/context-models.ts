import type { QueryExecutor } from '../../graph/query-executor.js';
import { toCandidate, type CandidateRow } from '../candidate.js';
import { MODEL_DEFAULTS, userParams, type RecommendationModel } from './model.js';

/** ultimately_bought: what viewers of the context items bought afterwards (bounded viewer sample). */
export function createUltimatelyBoughtModel(executor: QueryExecutor): RecommendationModel {
  return {
    needs: 'context',
    async fetch(request) {
      const rows = await executor.run<CandidateRow>('recommend/ultimately-bought-items', {
        ...userParams(request),
        context: request.context,
        scanLimit: MODEL_DEFAULTS.viewerScan,
        sampleSize: MODEL_DEFAULTS.viewerSample,
        maxUserItems: MODEL_DEFAULTS.maxUserItems,
        limit: request.fetchLimit,
      });
      return rows.map(toCandidate);
    },
  };
}
