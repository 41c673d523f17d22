import type { AuthenticatedSite } from '../sites/site-service.js';

/*
 * What live needs from the recommend and tracking modules (their interfaces in HELPERS.md), kept
 * structural so this module depends on the shape, not on the files.
 */

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

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; code: string; field?: string; detail: string }[];
}

export interface LiveIngestor {
  ingest(site: AuthenticatedSite, events: unknown[], options?: { source?: 'http' | 'live' | 'pixel' }): Promise<IngestResult>;
}
