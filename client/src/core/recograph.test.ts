import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createRecograph, type Recograph } from './recograph.js';
import { createMemoryStorage, type KeyValueStorage } from './storage.js';
import { createFakeFetch, sentEvents } from './testing/fake-fetch.js';
import { startLiveServer } from './testing/live-server.js';
import type { RecographOptions } from './options.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const instances: Recograph[] = [];

function setup(
  storage: KeyValueStorage = createMemoryStorage(),
  overrides: Partial<RecographOptions> = {},
) {
  const fetch = createFakeFetch((request) =>
    request.method === 'GET'
      ? { status: 200, body: { recommendationId: 'r1', scenario: 'home', items: [] } }
      : { status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } },
  );
  const rg = createRecograph({
    endpoint: 'https://reco.test',
    siteKey: 'pk_test',
    storage,
    transport: fetch,
    ...overrides,
  });
  instances.push(rg);
  return { rg, fetch, storage };
}

afterEach(async () => {
  await Promise.all(instances.splice(0).map((rg) => rg.close()));
});

describe('createRecograph', () => {
  it('keeps one anonymous id across reloads', async () => {
    const storage = createMemoryStorage();
    const first = setup(storage).rg;
    expect(first.user()).toMatch(UUID);
    const second = setup(storage).rg;
    expect(second.user()).toBe(first.user());
  });

  it('tracks events with a client-made UUID and the current user', async () => {
    const { rg, fetch } = setup();
    const id = rg.track('view', { item: 'sku-1' });
    await rg.flush();
    expect(id).toMatch(UUID);
    expect(sentEvents(fetch.requests)).toEqual([
      expect.objectContaining({ id, type: 'view', item: 'sku-1', user: rg.user() }),
    ]);
  });

  it('maps stars to the 0..100 rating scale', async () => {
    const { rg, fetch } = setup();
    rg.track('rate', { item: 'sku-1', stars: 5 });
    await rg.flush();
    expect(sentEvents(fetch.requests)[0]).toMatchObject({ type: 'rate', rating: 100 });
  });

  it('after login, sends a login event and tracks as the known user, remembered across reloads', async () => {
    const { rg, fetch, storage } = setup();
    const anonymous = rg.user();
    rg.track('view', { item: 'before' });
    const loggedIn = rg.login('customer-42');
    rg.track('view', { item: 'after' });
    await loggedIn;
    await rg.flush();
    expect(
      sentEvents(fetch.requests).map(({ type, user, item, knownUser }) => ({
        type,
        user,
        item,
        knownUser,
      })),
    ).toEqual([
      { type: 'view', user: anonymous, item: 'before', knownUser: undefined },
      { type: 'login', user: anonymous, item: undefined, knownUser: 'customer-42' },
      { type: 'view', user: 'customer-42', item: 'after', knownUser: undefined },
    ]);
    expect(rg.user()).toBe('customer-42');
    expect(setup(storage).rg.user()).toBe('customer-42');
  });

  it('sends no second login event for the user already logged in', async () => {
    const { rg, fetch } = setup();
    await rg.login('customer-42');
    await rg.login('customer-42');
    await rg.flush();
    expect(sentEvents(fetch.requests).filter((event) => event.type === 'login')).toHaveLength(1);
  });

  it('starts a fresh anonymous id on logout, and when another account logs in', async () => {
    const { rg, fetch } = setup();
    const firstAnonymous = rg.user();
    await rg.login('alice');
    await rg.login('bob');
    await rg.flush();
    const logins = sentEvents(fetch.requests).filter((event) => event.type === 'login');
    expect(logins.map((event) => event.knownUser)).toEqual(['alice', 'bob']);
    expect(logins[1]?.user).not.toBe(firstAnonymous); // alice's device history is not merged into bob
    await rg.logout();
    expect(rg.user()).toMatch(UUID);
    expect(rg.user()).not.toBe(logins[1]?.user);
  });

  it('asks for recommendations as the current user', async () => {
    const { rg, fetch } = setup();
    await rg.login('customer-42');
    await rg.recommend('home', { limit: 3 });
    expect(fetch.requests.at(-1)?.url).toBe(
      'https://reco.test/v1/recommendations/home?user=customer-42&limit=3',
    );
  });

  it('works over an asynchronous storage such as AsyncStorage, once ready', async () => {
    const entries = new Map<string, string>();
    const storage: KeyValueStorage = {
      getItem: async (key) => entries.get(key) ?? null,
      setItem: async (key, value) => void entries.set(key, value),
      removeItem: async (key) => void entries.delete(key),
    };
    const { rg, fetch } = setup(storage);
    const id = rg.track('view', { item: 'sku-1' }); // before the ids are read
    await rg.ready;
    await rg.flush();
    expect(sentEvents(fetch.requests)).toEqual([expect.objectContaining({ id, user: rg.user() })]);
    expect(entries.get('recograph.anonymous-id')).toBe(rg.user());
  });

  it('moves live subscriptions to the known user after login', async () => {
    const server = await startLiveServer({ autoAck: true });
    try {
      const { rg } = setup(createMemoryStorage(), {
        endpoint: server.url.replace('ws:', 'http:').replace('/v1/live?key=pk_test', ''),
        WebSocket,
      });
      const anonymous = rg.user();
      const subscription = rg.live('home', { limit: 2 }, () => undefined);
      await vi.waitFor(() => expect(server.connections[0]?.messages).toHaveLength(1));
      await rg.login('customer-42');
      const messages = server.connections[0]!.messages;
      await vi.waitFor(() =>
        expect(messages.filter((message) => message.type === 'subscribe')).toHaveLength(2),
      );
      expect(messages.map(({ type, user }) => [type, user])).toEqual([
        ['subscribe', anonymous],
        ['unsubscribe', undefined],
        ['subscribe', 'customer-42'],
        ['track', undefined], // the login event, over the open socket
      ]);
      expect(messages[3]).toMatchObject({
        events: [{ type: 'login', user: anonymous, knownUser: 'customer-42' }],
      });
      subscription.close();
    } finally {
      await server.close();
    }
  });

  it('refuses unusable options with the option named', () => {
    const base = { endpoint: 'https://reco.test', siteKey: 'pk_test' };
    expect(() => createRecograph({ ...base, endpoint: 'reco.test' })).toThrow(/endpoint/);
    expect(() => createRecograph({ ...base, siteKey: 'sk_secret' })).toThrow(
      /never ship the secret key/,
    );
    expect(() => createRecograph({ ...base, maxBatchSize: 501 })).toThrow(RangeError);
    expect(() => createRecograph({ ...base, flushIntervalMs: 1.5 })).toThrow(/flushIntervalMs/);
  });

  it('throws on invalid track fields where the developer calls it', () => {
    const { rg } = setup();
    expect(() => rg.track('buy', { item: 'sku-1', quantity: -1 })).toThrow(RangeError);
    expect(() => rg.login('')).toThrow(TypeError);
  });
});
