import type { ItemRef } from '../../changes/change-bus.js';
import type { Candidate } from '../candidate.js';
import type { UserProfile } from './user-profile.js';

/** Bounds of the request path, in one place (docs/api.md and the ADR quote them). */
export const MODEL_DEFAULTS = {
  /** Interactions of the user read per type, then the most recent kept, for personalized and recently_viewed. */
  historyScanPerType: 1_000,
  historyLimit: 250,
  /** Excluded items (e.g. bought, hidden) read with the user's history; past that, candidates are checked one by one. */
  excludedLimit: 1_000,
  /** Best-scored similarity candidates checked against the user's exclusions. */
  exclusionScan: 1_000,
  /** Edges read from a context item to sample its viewers (ultimately_bought), and viewers kept. */
  viewerScan: 5_000,
  viewerSample: 300,
  maxUserItems: 1_000,
  /** Pages of a ranked list (popular, trending, new) read before giving up on filling. */
  rankedPageMin: 50,
  rankedPages: 6,
  contentScan: 200,
} as const;

export interface ContextItem extends ItemRef {
  contentTokens: string | null;
  categories: string[];
}

/** Shared by the models of one request; loaded once, only when a model or filter needs it. */
export interface RequestSession {
  contextItems(): Promise<ContextItem[]>;
  /** Categories list-wide models must draw from (request category or category mode), or null. */
  categoryScope(): Promise<string[] | null>;
  /** The user's history and exclusions (for the similarity models); nothing without a user. */
  userProfile(): Promise<UserProfile>;
}

export interface ModelRequest {
  siteId: string;
  user: string | null;
  context: ItemRef[];
  excludedRelationships: string[];
  /** Items still missing from the list. */
  need: number;
  /** Candidates to ask for: need plus what the filters may drop. */
  fetchLimit: number;
  /** The request's filters: paging models read on until enough candidates pass. */
  accept(candidate: Candidate): boolean;
  session: RequestSession;
  now: number;
}

export interface RecommendationModel {
  /** A context model is skipped without context, a user model without a user. */
  needs: 'context' | 'user' | 'none';
  fetch(request: ModelRequest): Promise<Candidate[]>;
}

/** The parameters every model query takes to leave out the user's excluded interactions. */
export function userParams(request: ModelRequest) {
  return {
    siteId: request.siteId,
    user: request.user,
    excludedRelationships: request.excludedRelationships,
  };
}
