import type { Recommendation } from '../recommend/recommender.js';
import type { AuthenticatedSite } from '../sites/site-service.js';
import type { IngestResult } from '../tracking/event-ingestor.js';

/*
 * What live needs from the recommend and tracking modules: the narrow part of their interfaces it
 * calls (so tests can stand in for them), with the result types those modules define.
 */

export type { RecommendedItem, Recommendation } from '../recommend/recommender.js';
export type { IngestResult } from '../tracking/event-ingestor.js';

export interface LiveRecommendRequest {
  scenario: string;
  user?: string;
  context?: string[];
  limit?: number;
  exclude?: string[];
}

export interface LiveRecommender {
  recommend(siteId: string, request: LiveRecommendRequest): Promise<Recommendation>;
}

export interface LiveIngestor {
  ingest(
    site: AuthenticatedSite,
    events: unknown[],
    options?: { source?: 'http' | 'live' | 'pixel' },
  ): Promise<IngestResult>;
}
