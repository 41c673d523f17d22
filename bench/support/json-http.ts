import { Pool } from 'undici';

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface JsonHttp {
  baseUrl: string;
  send<T = unknown>(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; timeoutMs?: number },
  ): Promise<JsonResponse<T>>;
  close(): Promise<void>;
}

/**
 * The benchmarks' JSON client: keep-alive connections (a benchmark must not pay a TCP handshake
 * per request, and fetch's pool cannot be sized) from undici, the HTTP client behind Node's fetch.
 * It replaced node:http's client, which shares the machine with the service and Neo4j and was the
 * heavier of the two: at 1,000 single events/s (bench:ingest, two runs each) the slowest 1 % spent
 * a median 14-15 ms outside the service with node:http and 4-6 ms with undici.
 * Non-2xx answers are returned, not thrown.
 */
export function createJsonHttp(baseUrl: string, options: { maxSockets?: number } = {}): JsonHttp {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:')
    throw new TypeError(`only http:// URLs are supported, got ${baseUrl}`);
  const pool = new Pool(url.origin, {
    connections: options.maxSockets ?? 64,
    keepAliveTimeout: 10_000,
  });
  return {
    baseUrl,
    async send(method, path, { key, body, timeoutMs = 60_000 } = {}) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (key) headers.authorization = `Bearer ${key}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response;
      try {
        response = await pool.request({
          method: method as 'GET',
          path,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (error) {
        if ((error as { code?: string }).code?.endsWith('_TIMEOUT'))
          throw new Error(`${method} ${path} timed out after ${timeoutMs} ms`, { cause: error });
        throw error;
      }
      const text = await response.body.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep non-JSON bodies as text
      }
      return { status: response.statusCode, headers: response.headers, body: parsed as never };
    },
    close: () => pool.destroy(),
  };
}

/** Throws with the answer's status and body unless the status is the expected one. */
export function expectStatus<T>(
  response: JsonResponse<T>,
  expected: number | number[],
  what: string,
): T {
  const statuses = Array.isArray(expected) ? expected : [expected];
  if (!statuses.includes(response.status)) {
    throw new Error(
      `${what} answered ${response.status}: ${typeof response.body === 'string' ? response.body : JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}
