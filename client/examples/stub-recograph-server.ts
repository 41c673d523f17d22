import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface RecordedBatch {
  authorization: string | undefined;
  events: Array<Record<string, unknown>>;
}

const item = (id: string) => ({
  id,
  type: 'product',
  score: 1,
  model: 'popular',
  reason: { model: 'popular' },
  attributes: { title: `Product ${id}` },
});

/**
 * A stand-in for the Recograph API (node:http and ws), speaking the wire contract of SPEC sections
 * 4 and 7, that records the events it is sent. `eventStatus` lets a test make the events route fail.
 */
export async function startStubRecographServer(options: { eventStatus?: number } = {}) {
  const batches: RecordedBatch[] = [];
  const liveMessages: Array<Record<string, unknown>> = [];
  const server = createServer((request, response) => void answer(request, response));

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stub');
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.method === 'POST' && url.pathname === '/v1/events') {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      if (options.eventStatus && options.eventStatus !== 200)
        return send(options.eventStatus, { code: 'NEO4J_UNAVAILABLE' }, { 'Retry-After': '1' });
      const { events } = JSON.parse(body) as { events: Array<Record<string, unknown>> };
      batches.push({ authorization: request.headers.authorization, events });
      return send(200, { accepted: events.length, duplicates: 0, rejected: [] });
    }
    if (request.method === 'GET' && url.pathname.startsWith('/v1/recommendations/')) {
      const scenario = decodeURIComponent(url.pathname.split('/').pop() ?? '');
      return send(
        200,
        { recommendationId: 'rec-1', scenario, items: ['sku-2', 'sku-3', 'sku-4'].map(item) },
        { ETag: '"v1"' },
      );
    }
    send(404, { code: 'NOT_FOUND' });
  }

  const live = new WebSocketServer({ server, path: '/v1/live' });
  live.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      liveMessages.push(message);
      if (message.type === 'subscribe') {
        socket.send(
          JSON.stringify({
            type: 'recommendations',
            id: message.id,
            recommendationId: 'rec-live-1',
            items: ['sku-5', 'sku-6'].map(item),
            version: 1,
            cause: 'initial',
          }),
        );
      }
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    batches,
    liveMessages,
    events: () => batches.flatMap((batch) => batch.events),
    async close() {
      for (const client of live.clients) client.terminate();
      live.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
