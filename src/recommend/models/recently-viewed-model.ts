import { itemKey, type Candidate } from '../candidate.js';
import type { RecommendationModel } from './model.js';
import type { SimilarityReads } from './similarity-reads.js';

const HOUR_MS = 3_600_000;

/**
 * recently_viewed: the user's own views, most recent first; the score is a recency in (0, 1].
 * Drawn from the request's user profile (the user's 250 most recent interactions, read once per
 * request and kept until their next event), so a scenario that chains it with personalized, as a
 * live "for you" box does, reads the user once instead of twice, and a list refreshed for someone
 * else's event reads nothing but item details. A view older than the user's 250 latest
 * interactions is not shown.
 */
export function createRecentlyViewedModel(reads: SimilarityReads): RecommendationModel {
  return {
    needs: 'user',
    async fetch(request) {
      const profile = await request.session.userProfile();
      const views = profile.history
        .filter((entry) => entry.relationship === 'VIEWED')
        .map((entry) => ({
          type: entry.type,
          id: entry.id,
          key: itemKey(entry.type, entry.id),
          lastAt: entry.lastAt ?? 0,
        }))
        .sort((a, b) => b.lastAt - a.lastAt || compare(a.type, b.type) || compare(a.id, b.id));
      const excluded = await profile.excludes(views);
      const recent = views.filter((view) => !excluded.has(view.key)).slice(0, request.fetchLimit);
      const details = await reads.itemDetails(request.siteId, recent);
      const candidates: Candidate[] = [];
      for (const view of recent) {
        const item = details.get(view.key);
        if (!item) continue; // deleted since the profile was read
        candidates.push({
          type: view.type,
          id: view.id,
          score: 1 / (1 + Math.max(0, request.now - view.lastAt) / HOUR_MS),
          properties: item.properties,
          categories: item.categories,
        });
      }
      return candidates;
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
