import type { FetchLike, RequestInitLike, ResponseLike } from '../http.js';

export interface RecordedRequest extends RequestInitLike {
  url: string;
  /** The parsed JSON body, when there is one. */
  json?: unknown;
}

export type ScriptedAnswer =
  { status: number; body?: unknown; headers?: Record<string, string> } | { networkError: true };

/**
 * A fetch double for tests: records every request and answers from a script (the last answer repeats),
 * or from a function of the request.
 */
export function createFakeFetch(
  script: ScriptedAnswer[] | ((request: RecordedRequest) => ScriptedAnswer) = [
    { status: 200, body: {} },
  ],
): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  let next = 0;
  const fake = async (url: string, init: RequestInitLike): Promise<ResponseLike> => {
    const request: RecordedRequest = {
      url,
      ...init,
      json: init.body ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const answer =
      typeof script === 'function' ? script(request) : script[Math.min(next++, script.length - 1)]!;
    if ('networkError' in answer) throw new TypeError('fetch failed');
    const headers = new Map(
      Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    return {
      status: answer.status,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      json: async () => answer.body,
    };
  };
  return Object.assign(fake, { requests });
}

/** The events of every recorded POST, in order. */
export function sentEvents(requests: RecordedRequest[]): Array<Record<string, unknown>> {
  return requests.flatMap(
    (request) => (request.json as { events?: Array<Record<string, unknown>> })?.events ?? [],
  );
}
