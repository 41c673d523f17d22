import {
  authorizationHeaders,
  buildUrl,
  joinIds,
  RecographError,
  toRecographError,
  type FetchLike,
} from './http.js';
import type { Recommendation, RecommendOptions } from './types.js';

export interface RecommendationsClientOptions {
  endpoint: string;
  siteKey: string;
  fetch: FetchLike;
  /** How many answers (one per distinct request) are kept for ETag revalidation. */
  cacheSize?: number;
}

export type RecommendFunction = (
  scenario: string,
  options: RecommendOptions & { user: string },
) => Promise<Recommendation>;

/**
 * GET /v1/recommendations/{scenario}, revalidated with ETag / If-None-Match: a 304 means the ranked
 * list has not changed, and the answer we kept (list and recommendation id) is returned again.
 */
export function createRecommendationsClient(
  options: RecommendationsClientOptions,
): RecommendFunction {
  const cacheSize = options.cacheSize ?? 50;
  const cache = new Map<string, { etag: string; answer: Recommendation }>();

  return async function recommend(scenario, query) {
    if (typeof scenario !== 'string' || scenario === '')
      throw new TypeError('scenario must be a non-empty string');
    const url = buildUrl(options.endpoint, `/v1/recommendations/${encodeURIComponent(scenario)}`, {
      user: query.user,
      context: joinIds(query.context),
      limit: query.limit,
      category: query.category,
      exclude: joinIds(query.exclude),
      attributes: joinIds(query.attributes),
    });
    const cached = cache.get(url);
    const headers = { ...authorizationHeaders(options.siteKey), Accept: 'application/json' };
    let response;
    try {
      response = await options.fetch(url, {
        method: 'GET',
        headers: cached ? { ...headers, 'If-None-Match': cached.etag } : headers,
      });
    } catch (error) {
      throw new RecographError(
        'NETWORK_ERROR',
        `Recommendations for ${scenario} could not be fetched`,
        undefined,
        error,
      );
    }
    if (response.status === 304 && cached) {
      remember(url, cached.etag, cached.answer);
      return cached.answer;
    }
    if (response.status !== 200)
      throw await toRecographError(response, `Recommendations for ${scenario}`);
    const answer = (await response.json()) as Recommendation;
    if (!Array.isArray(answer?.items)) {
      throw new RecographError(
        'INVALID_RESPONSE',
        `Recommendations for ${scenario}: no items in the answer`,
        200,
      );
    }
    const etag = response.headers.get('ETag');
    if (etag) remember(url, etag, answer);
    return answer;
  };

  function remember(url: string, etag: string, answer: Recommendation): void {
    cache.delete(url); // re-inserting keeps the Map in least-recently-used order
    cache.set(url, { etag, answer });
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  }
}
