import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { RecographError } from './http.js';
import { createLiveClient, type LiveClient, type LiveClientOptions } from './live-client.js';
import { startLiveServer } from './testing/live-server.js';
import type { LiveRecommendation } from './types.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let client: LiveClient | undefined;

async function setup(overrides: Partial<LiveClientOptions> = {}) {
  server = await startLiveServer();
  const errors: RecographError[] = [];
  client = createLiveClient({
    url: server.url,
    WebSocket,
    backoff: { baseDelayMs: 20, maxDelayMs: 100 },
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { client, errors };
}

function collector() {
  const lists: LiveRecommendation[] = [];
  const errors: RecographError[] = [];
  return {
    lists,
    errors,
    handlers: {
      onRecommendations: (list: LiveRecommendation) => lists.push(list),
      onError: (error: RecographError) => errors.push(error),
    },
  };
}

const subscribes = (index: number) =>
  server.connections[index]!.messages.filter((message) => message.type === 'subscribe');

afterEach(async () => {
  client?.close();
  await server.close();
});

describe('createLiveClient', () => {
  it('shares one socket between subscriptions and hands each its own lists', async () => {
    const { client } = await setup();
    const product = collector();
    const home = collector();
    client.subscribe(
      { scenario: 'product-page', user: 'u1', context: ['sku-1'], limit: 4 },
      product.handlers,
    );
    client.subscribe({ scenario: 'home', user: 'u1' }, home.handlers);
    await vi.waitFor(() => expect(subscribes(0)).toHaveLength(2));
    expect(server.connections).toHaveLength(1);
    expect(server.connections[0]!.url).toBe('/v1/live?key=pk_test');
    const [first, second] = subscribes(0);
    expect(first).toEqual({
      type: 'subscribe',
      id: first!.id,
      scenario: 'product-page',
      user: 'u1',
      context: ['sku-1'],
      limit: 4,
    });

    const push = (id: unknown, recommendationId: string) =>
      server.connections[0]!.socket.send(
        JSON.stringify({
          type: 'recommendations',
          id,
          recommendationId,
          items: [],
          version: 1,
          cause: 'initial',
        }),
      );
    push(second!.id, 'r-home');
    push(first!.id, 'r-product');
    await vi.waitFor(() => expect(product.lists).toHaveLength(1));
    expect(product.lists[0]).toEqual({
      scenario: 'product-page',
      recommendationId: 'r-product',
      items: [],
      version: 1,
      cause: 'initial',
    });
    expect(home.lists.map((list) => list.recommendationId)).toEqual(['r-home']);
  });

  it('reconnects after the connection drops and subscribes again to everything still open', async () => {
    const { client } = await setup();
    const kept = client.subscribe({ scenario: 'home', user: 'u1' }, collector().handlers);
    client.subscribe({ scenario: 'cart', user: 'u1' }, collector().handlers);
    const gone = client.subscribe({ scenario: 'article', user: 'u1' }, collector().handlers);
    await vi.waitFor(() => expect(subscribes(0)).toHaveLength(3));
    gone.close();
    await vi.waitFor(() =>
      expect(server.connections[0]!.messages.at(-1)?.type).toBe('unsubscribe'),
    );

    server.connections[0]!.socket.terminate();
    await vi.waitFor(() => expect(server.connections[1] && subscribes(1)).toHaveLength(2));
    expect(subscribes(1).map((message) => message.scenario)).toEqual(['home', 'cart']);
    expect(subscribes(1).map((message) => message.id)).toEqual(
      subscribes(0)
        .slice(0, 2)
        .map((message) => message.id),
    );
    kept.close();
  });

  it('reconnects after a non-fatal close code such as 4000', async () => {
    const { client } = await setup();
    client.subscribe({ scenario: 'home', user: 'u1' }, collector().handlers);
    await vi.waitFor(() => expect(subscribes(0)).toHaveLength(1));
    server.connections[0]!.socket.close(4000, 'going away');
    await vi.waitFor(() => expect(server.connections[1] && subscribes(1)).toHaveLength(1));
  });

  it.each([
    [4001, 'UNAUTHENTICATED'],
    [4003, 'ORIGIN_NOT_ALLOWED'],
  ])(
    'stops reconnecting after close code %i and tells every subscriber (%s)',
    async (code, errorCode) => {
      const { client, errors } = await setup();
      const subscriber = collector();
      client.subscribe({ scenario: 'home', user: 'u1' }, subscriber.handlers);
      await vi.waitFor(() => expect(subscribes(0)).toHaveLength(1));
      server.connections[0]!.socket.close(code, 'refused');
      await vi.waitFor(() => expect(client.state()).toBe('failed'));
      await new Promise((resolve) => setTimeout(resolve, 300)); // well past the 100 ms maximum backoff
      expect(server.connections).toHaveLength(1);
      expect(subscriber.errors.map((error) => error.code)).toEqual([errorCode]);
      expect(errors.map((error) => error.code)).toEqual([errorCode]);
    },
  );

  it('hands a server error about one subscription to that subscription only', async () => {
    const { client } = await setup();
    const wrong = collector();
    const right = collector();
    client.subscribe({ scenario: 'nope', user: 'u1' }, wrong.handlers);
    client.subscribe({ scenario: 'home', user: 'u1' }, right.handlers);
    await vi.waitFor(() => expect(subscribes(0)).toHaveLength(2));
    server.connections[0]!.socket.send(
      JSON.stringify({
        type: 'error',
        id: subscribes(0)[0]!.id,
        code: 'SCENARIO_NOT_FOUND',
        detail: 'No scenario nope',
      }),
    );
    await vi.waitFor(() =>
      expect(wrong.errors.map((error) => error.code)).toEqual(['SCENARIO_NOT_FOUND']),
    );
    expect(right.errors).toEqual([]);
  });

  it('closes the socket once the last subscription has been idle for a while', async () => {
    const { client } = await setup({ idleCloseMs: 50 });
    const subscription = client.subscribe({ scenario: 'home', user: 'u1' }, collector().handlers);
    await vi.waitFor(() => expect(subscribes(0)).toHaveLength(1));
    subscription.close();
    await vi.waitFor(() => expect(server.connections[0]!.socket.readyState).toBe(WebSocket.CLOSED));
    expect(client.state()).toBe('idle');
  });

  it('tracks over the open socket and resolves with the ack', async () => {
    const { client } = await setup();
    expect(client.trackChannel()).toBeUndefined();
    client.subscribe({ scenario: 'home', user: 'u1' }, collector().handlers);
    await vi.waitFor(() => expect(client.trackChannel()).toBeDefined());
    const answer = client
      .trackChannel()!
      .sendTrack([{ id: 'e1', type: 'view', user: 'u1', item: 'a', timestamp: 0 }]);
    await vi.waitFor(() => expect(server.connections[0]!.messages.at(-1)?.type).toBe('track'));
    expect(server.connections[0]!.messages.at(-1)).toMatchObject({ events: [{ id: 'e1' }] });
    server.connections[0]!.socket.send(
      JSON.stringify({ type: 'ack', accepted: 1, duplicates: 0, rejected: [] }),
    );
    await expect(answer).resolves.toMatchObject({ accepted: 1 });
  });

  it('fails a pending track when the socket drops, so its events go over HTTP', async () => {
    const { client } = await setup();
    client.subscribe({ scenario: 'home', user: 'u1' }, collector().handlers);
    await vi.waitFor(() => expect(client.trackChannel()).toBeDefined());
    const answer = client.trackChannel()!.sendTrack([]);
    server.connections[0]!.socket.terminate();
    await expect(answer).rejects.toMatchObject({ code: 'LIVE_CLOSED' });
  });
});
