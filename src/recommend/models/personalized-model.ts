import type { QueryExecutor } from '../../graph/query-executor.js';
import { toCandidate, type CandidateRow } from '../candidate.js';
import { weighHistory, type HistoryEntry } from '../interaction-weights.js';
import { MODEL_DEFAULTS, userParams, type RecommendationModel } from './model.js';

/**
 * personalized: the user's capped recent history, weighted by interaction and recency
 * (interaction-weights.ts), expanded through the personalized SIMILAR edges.
 */
export function createPersonalizedModel(executor: QueryExecutor): RecommendationModel {
  return {
    needs: 'user',
    async fetch(request) {
      const entries = await executor.run<HistoryEntry>('recommend/read-user-history', {
        siteId: request.siteId,
        user: request.user,
        scanLimit: MODEL_DEFAULTS.historyScanPerType,
        limit: MODEL_DEFAULTS.historyLimit,
      });
      const history = weighHistory(entries, request.now).filter((entry) => entry.weight !== 0);
      if (!history.some((entry) => entry.weight > 0)) return [];
      const rows = await executor.run<CandidateRow>('recommend/personalized-items', {
        ...userParams(request),
        history,
        scanLimit: request.fetchLimit + MODEL_DEFAULTS.personalizedScan,
        limit: request.fetchLimit,
      });
      return rows.map(toCandidate);
    },
  };
}
