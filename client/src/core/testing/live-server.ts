import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface LiveConnection {
  socket: WebSocket;
  url: string;
  messages: Array<Record<string, unknown>>;
}

/** A real WebSocket server on a free port that records what clients send (and acks tracks if asked). */
export async function startLiveServer(options: { autoAck?: boolean } = {}): Promise<{
  url: string;
  connections: LiveConnection[];
  close(): Promise<void>;
}> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const connections: LiveConnection[] = [];
  server.on('connection', (socket, request) => {
    const connection: LiveConnection = { socket, url: request.url ?? '', messages: [] };
    connections.push(connection);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      connection.messages.push(message);
      if (options.autoAck && message.type === 'track') {
        const accepted = (message.events as unknown[]).length;
        socket.send(JSON.stringify({ type: 'ack', accepted, duplicates: 0, rejected: [] }));
      }
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/v1/live?key=pk_test`,
    connections,
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
