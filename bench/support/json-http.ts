import { Agent, request } from 'node:http';

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
  close(): void;
}

/**
 * A small JSON client over node:http with keep-alive connections (a benchmark must not pay a TCP
 * handshake per request, and fetch's pool cannot be sized). Non-2xx answers are returned, not thrown.
 */
export function createJsonHttp(baseUrl: string, options: { maxSockets?: number } = {}): JsonHttp {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:')
    throw new TypeError(`only http:// URLs are supported, got ${baseUrl}`);
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    keepAliveMsecs: 10_000,
  });
  return {
    baseUrl,
    send(method, path, { key, body, timeoutMs = 60_000 } = {}) {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string | number> = { accept: 'application/json' };
      if (key) headers.authorization = `Bearer ${key}`;
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = payload.length;
      }
      return new Promise((resolve, reject) => {
        const outgoing = request(
          { agent, host: url.hostname, port: url.port, method, path, headers, timeout: timeoutMs },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('error', reject);
            incoming.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let parsed: unknown = text;
              try {
                parsed = text ? JSON.parse(text) : undefined;
              } catch {
                // keep non-JSON bodies as text
              }
              resolve({
                status: incoming.statusCode ?? 0,
                headers: incoming.headers,
                body: parsed as never,
              });
            });
          },
        );
        outgoing.on('timeout', () =>
          outgoing.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)),
        );
        outgoing.on('error', reject);
        outgoing.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
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
