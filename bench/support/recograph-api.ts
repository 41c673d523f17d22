import { expectStatus, type JsonHttp } from './json-http.js';

export interface BenchSite {
  id: string;
  publicKey: string;
  secretKey: string;
}

export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; code: string; detail: string }[];
}

export interface RecommendationAnswer {
  recommendationId: string;
  scenario: string;
  items: { id: string; type: string; score: number; model: string }[];
}

const RETRIES = 8;

/** The few routes of the public API that the quality harness and the benchmarks drive. */
export function createRecographApi(http: JsonHttp) {
  return {
    async createSite(adminToken: string, name: string): Promise<BenchSite> {
      const response = await http.send<BenchSite>('POST', '/v1/admin/sites', {
        key: adminToken,
        body: { name, allowedOrigins: [] },
      });
      return expectStatus(response, 201, 'POST /v1/admin/sites');
    },

    async putScenario(
      secretKey: string,
      id: string,
      config: Record<string, unknown>,
    ): Promise<void> {
      const response = await http.send('PUT', `/v1/scenarios/${encodeURIComponent(id)}`, {
        key: secretKey,
        body: config,
      });
      expectStatus(response, [200, 201, 204], `PUT /v1/scenarios/${id}`);
    },

    /** Posts one batch, waiting and retrying while the service answers 503 or 429 (Retry-After). */
    async postEvents(key: string, events: unknown[]): Promise<IngestAnswer> {
      for (let attempt = 1; ; attempt += 1) {
        const response = await http.send<IngestAnswer>('POST', '/v1/events', {
          key,
          body: { events },
        });
        if ((response.status === 503 || response.status === 429) && attempt < RETRIES) {
          await sleep(retryAfterMs(response.headers['retry-after'], attempt));
          continue;
        }
        return expectStatus(response, 200, 'POST /v1/events');
      }
    },

    async recommend(
      key: string,
      scenario: string,
      query: Record<string, string | number | undefined>,
    ): Promise<RecommendationAnswer> {
      const response = await http.send<RecommendationAnswer>(
        'GET',
        recommendationPath(scenario, query),
        { key },
      );
      return expectStatus(response, 200, `GET /v1/recommendations/${scenario}`);
    },
  };
}

export type RecographApi = ReturnType<typeof createRecographApi>;

export function recommendationPath(
  scenario: string,
  query: Record<string, string | number | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) search.set(name, String(value));
  return `/v1/recommendations/${encodeURIComponent(scenario)}?${search}`;
}

function retryAfterMs(header: string | string[] | undefined, attempt: number): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > 0
    ? seconds * 1000
    : Math.min(10_000, 250 * 2 ** attempt);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
