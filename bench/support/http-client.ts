import { createJsonHttp } from './json-http.js';

export interface JsonAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The service's `Server-Timing` header (its own time on the request). */
  serverTiming?: string | string[];
}

/** bench:ingest's and bench:live's shorthand over the JSON client: every request reuses one of `connections` sockets. */
export function createHttpClient(baseUrl: string, connections: number) {
  const http = createJsonHttp(baseUrl, { maxSockets: connections });
  return {
    async send(method: string, path: string, body?: unknown, key?: string): Promise<JsonAnswer> {
      const answer = await http.send(method, path, { body, key });
      return {
        status: answer.status,
        body: answer.body,
        serverTiming: answer.headers['server-timing'],
      };
    },
    close: (): Promise<void> => http.close(),
  };
}
