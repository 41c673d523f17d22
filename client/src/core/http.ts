/** The part of a fetch Response the SDK reads. */
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

export interface RequestInitLike {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  keepalive?: boolean;
}

/** Any fetch-compatible function: the browser's, Node's, React Native's, or a test double. */
export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;

/** An error the SDK reports: a stable `code` (the server's problem+json code when it sent one). */
export class RecographError extends Error {
  override readonly name = 'RecographError';
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Joins the endpoint (which may carry a path prefix) with an API path and query parameters. */
export function buildUrl(
  endpoint: string,
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const search = Object.entries(query)
    .filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
    )
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${endpoint.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

export function authorizationHeaders(siteKey: string): Record<string, string> {
  return { Authorization: `Bearer ${siteKey}` };
}

/** Turns a non-2xx answer into a RecographError, using the problem+json body when there is one. */
export async function toRecographError(
  response: ResponseLike,
  what: string,
): Promise<RecographError> {
  let problem: { code?: unknown; detail?: unknown } = {};
  try {
    problem = ((await response.json()) ?? {}) as typeof problem;
  } catch {
    // not JSON: keep the status alone
  }
  const code = typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`;
  const detail = typeof problem.detail === 'string' ? `: ${problem.detail}` : '';
  return new RecographError(
    code,
    `${what} failed with ${response.status}${detail}`,
    response.status,
    problem,
  );
}

export function joinIds(ids: string | string[] | undefined): string | undefined {
  return Array.isArray(ids) ? ids.join(',') : ids;
}
