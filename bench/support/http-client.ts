import { Agent, request } from 'node:http';

export interface JsonAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The service's `Server-Timing` header (its own time on the request). */
  serverTiming?: string | string[];
}

/** A keep-alive JSON client: every request reuses one of `connections` sockets. */
export function createHttpClient(baseUrl: string, connections: number) {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: connections,
    maxFreeSockets: connections,
  });
  const { hostname, port } = new URL(baseUrl);
  return {
    send(method: string, path: string, body?: unknown, key?: string): Promise<JsonAnswer> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = {};
      if (payload !== undefined) headers['content-type'] = 'application/json';
      if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
      if (key) headers.authorization = `Bearer ${key}`;
      return new Promise((resolve, reject) => {
        const outgoing = request({ agent, hostname, port, method, path, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: response.statusCode ?? 0,
              body: text ? JSON.parse(text) : undefined,
              serverTiming: response.headers['server-timing'],
            });
          });
          response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end(payload);
      });
    },
    close(): void {
      agent.destroy();
    },
  };
}
