import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocalChangeBus } from '../changes/change-bus.js';
import { AppError } from '../errors/app-error.js';
import { createLogger } from '../logging/logger.js';
import type { RecommendationsMessage, ServerMessage } from './live-messages.js';
import { resolveLiveOptions } from './live-options.js';
import type { LiveRecommendRequest, Recommendation } from './live-ports.js';
import { createLiveSubscriptions, type LiveSubscriber } from './live-subscriptions.js';

/** A recommender whose answer per user is set by the test (pure logic under test, no Neo4j). */
function createFakeRecommender() {
  const lists = new Map<string, string[]>();
  const calls: { siteId: string; request: LiveRecommendRequest }[] = [];
  let counter = 0;
  let failure: Error | undefined;
  let gate: Promise<void> | undefined;
  return {
    lists,
    calls,
    failWith: (error: Error | undefined) => (failure = error),
    hold: (promise: Promise<void> | undefined) => (gate = promise),
    async recommend(siteId: string, request: LiveRecommendRequest): Promise<Recommendation> {
      calls.push({ siteId, request });
      const ids = [...(lists.get(`${siteId}/${request.user}`) ?? ['a', 'b', 'c'])];
      if (gate) await gate;
      if (failure) throw failure;
      counter += 1;
      return {
        recommendationId: `rec-${counter}`,
        scenario: request.scenario,
        items: ids.map((id) => ({
          id,
          type: 'product',
          score: 1,
          model: 'personalized',
          reason: { model: 'personalized', because: [`because-${id}`] },
          attributes: { title: id },
        })),
      };
    },
  };
}

function createSubscriber() {
  const messages: ServerMessage[] = [];
  const sentAt: number[] = [];
  const subscriber: LiveSubscriber = {
    send: (message) => {
      messages.push(message);
      sentAt.push(Date.now());
    },
  };
  const lists = () =>
    messages.filter((m): m is RecommendationsMessage => m.type === 'recommendations');
  return { subscriber, messages, lists, sentAt };
}

describe('createLiveSubscriptions', () => {
  const changes = createLocalChangeBus();
  let recommender: ReturnType<typeof createFakeRecommender>;
  let live: ReturnType<typeof createLiveSubscriptions>;

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    recommender = createFakeRecommender();
    const options = resolveLiveOptions({
      minIntervalMs: 300,
      maxSubscriptionsPerConnection: 3,
      retryDelayMs: 1_000,
      backgroundIntervalMs: 2_000,
    });
    const merges = new Map([['anon-1', 'known-1']]);
    const resolveUsers = async (_siteId: string, users: string[]) =>
      new Map(users.map((user) => [user, merges.get(user) ?? user]));
    live = createLiveSubscriptions({
      recommender,
      changes,
      options,
      logger: createLogger('silent'),
      resolveUsers,
    });
  });
  afterEach(() => {
    live.close();
    vi.useRealTimers();
  });

  const subscribe = (
    client: ReturnType<typeof createSubscriber>,
    id: string,
    user = 'u1',
    extra: object = {},
    siteId = 'site-a',
  ) =>
    live.subscribe(siteId, client.subscriber, {
      type: 'subscribe',
      id,
      scenario: 'home',
      user,
      ...extra,
    });
  const userEvent = (users: string[], siteId = 'site-a', eventTypes = ['view']) =>
    changes.publish({ kind: 'user-event', siteId, users, items: [], eventTypes });
  const ids = (message: RecommendationsMessage | undefined) =>
    message?.items.map((item) => item.id);

  it('sends the first list at once as version 1 with cause initial', async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'u1', { context: ['sku-1'], limit: 3, exclude: ['x'] });
    await vi.advanceTimersByTimeAsync(1);
    expect(client.lists()).toEqual([
      expect.objectContaining({
        id: 'box',
        version: 1,
        cause: 'initial',
        recommendationId: 'rec-1',
        scenario: 'home',
      }),
    ]);
    expect(recommender.calls[0]).toEqual({
      siteId: 'site-a',
      request: { scenario: 'home', user: 'u1', context: ['sku-1'], limit: 3, exclude: ['x'] },
    });
  });

  it('re-pushes after an event of the user, matching the id as sent or as resolved', async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'anon-1');
    await vi.advanceTimersByTimeAsync(1_000);
    recommender.lists.set('site-a/anon-1', ['d', 'a', 'b']);
    userEvent(['known-1', 'anon-1']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.lists().map((m) => [m.version, m.cause, ids(m)])).toEqual([
      [1, 'initial', ['a', 'b', 'c']],
      [2, 'user-event', ['d', 'a', 'b']],
    ]);
  });

  it('pushes the first change after the initial list without waiting for the interval', async () => {
    const client = createSubscriber();
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(5);
    expect(client.lists()).toHaveLength(1);
    recommender.lists.set('site-a/u1', ['z']);
    userEvent(['u1']);
    await vi.advanceTimersByTimeAsync(5); // neither the push interval nor the recompute interval holds it back
    expect(client.lists().map((m) => m.cause)).toEqual(['initial', 'user-event']);
  });

  it('stays quiet when the recomputed list is unchanged', async () => {
    const client = createSubscriber();
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(1_000);
    userEvent(['u1']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(recommender.calls).toHaveLength(2);
    expect(client.messages).toHaveLength(1);
  });

  it("reports how long a push answering the user's own event took, and only for such pushes", async () => {
    live.close();
    const pushes: [string, number | undefined][] = [];
    const options = resolveLiveOptions({ minIntervalMs: 300, backgroundIntervalMs: 2_000 });
    live = createLiveSubscriptions({
      recommender,
      changes,
      options,
      logger: createLogger('silent'),
      resolveUsers: async (_siteId, users) => new Map(users.map((user) => [user, user])),
      onPush: (cause, seconds) => pushes.push([cause, seconds]),
    });
    const client = createSubscriber();
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(1_000);
    userEvent(['u1']); // the list does not change: nothing is pushed, and nothing stays pending
    await vi.advanceTimersByTimeAsync(1_000);
    recommender.lists.set('site-a/u1', ['z']);
    userEvent(['u1']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pushes.map(([cause, seconds]) => [cause, typeof seconds])).toEqual([
      ['initial', 'undefined'],
      ['user-event', 'number'],
    ]);
    expect(pushes[1]![1]).toBeGreaterThanOrEqual(0);
    expect(pushes[1]![1]).toBeLessThan(0.5); // from the second event: the first was answered without a push
  });

  it('ignores events of other users and of other sites with the same user id', async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'u1');
    await vi.advanceTimersByTimeAsync(1_000);
    recommender.lists.set('site-a/u1', ['z']);
    userEvent(['u2']);
    userEvent(['u1'], 'site-b');
    changes.publish({
      kind: 'similarity',
      siteId: 'site-b',
      items: [{ type: 'product', id: 'a' }],
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(recommender.calls).toHaveLength(1);
    expect(client.messages).toHaveLength(1);
  });

  it('coalesces a burst of events into pushes at least the interval apart, the last list always delivered', async () => {
    const client = createSubscriber();
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(1);
    for (let i = 0; i < 40; i += 1) {
      recommender.lists.set('site-a/u1', [`item-${i}`]);
      userEvent(['u1']);
      await vi.advanceTimersByTimeAsync(25);
    }
    await vi.advanceTimersByTimeAsync(2_000);
    const lists = client.lists();
    expect(ids(lists.at(-1))).toEqual(['item-39']);
    const changePushTimes = client.sentAt.slice(1);
    expect(changePushTimes.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < changePushTimes.length; i += 1)
      expect(changePushTimes[i]! - changePushTimes[i - 1]!).toBeGreaterThanOrEqual(300);
    expect(lists.map((m) => m.version)).toEqual(lists.map((_, index) => index + 1));
  });

  it('removes a deleted item at the next push slot even while a recompute is stuck', async () => {
    const client = createSubscriber();
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(1_000);
    recommender.hold(new Promise(() => {})); // Neo4j is slow: recomputes never finish
    changes.publish({
      kind: 'item-change',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'b' }],
      removed: true,
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(client.lists().map((m) => [m.cause, ids(m)])).toEqual([
      ['initial', ['a', 'b', 'c']],
      ['catalog', ['a', 'c']],
    ]);
  });

  it('keeps a removed item out of a list computed before the removal was known', async () => {
    const client = createSubscriber();
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(1_000);
    let release!: () => void;
    recommender.hold(new Promise((resolve) => (release = resolve)));
    recommender.lists.set('site-a/u1', ['b', 'd']);
    userEvent(['u1']); // this recompute starts and reads the old catalogue
    await vi.advanceTimersByTimeAsync(10);
    changes.publish({
      kind: 'item-change',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'b' }],
      removed: true,
    });
    recommender.hold(undefined);
    release();
    await vi.advanceTimersByTimeAsync(2_000);
    for (const message of client.lists().slice(1)) expect(ids(message)).not.toContain('b');
    expect(ids(client.lists().at(-1))).toEqual(['d']);
  });

  it('recomputes context subscriptions on a similarity change with cause item-change', async () => {
    const client = createSubscriber();
    subscribe(client, 'ctx-box', 'u1', { context: ['sku-9'] });
    await vi.advanceTimersByTimeAsync(1_000);
    recommender.lists.set('site-a/u1', ['n1', 'n2']);
    changes.publish({
      kind: 'similarity',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'sku-9' }],
    });
    await vi.advanceTimersByTimeAsync(2_000); // the background interval counts from the initial recompute
    expect(client.lists().at(-1)).toMatchObject({ cause: 'item-change', version: 2 });
  });

  it('follows the similarity of the items a list is computed from, not of the items it shows', async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'u1');
    await vi.advanceTimersByTimeAsync(1_000);
    changes.publish({
      kind: 'similarity',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'a' }],
    }); // shown only
    await vi.advanceTimersByTimeAsync(1_000);
    expect(recommender.calls).toHaveLength(1);
    recommender.lists.set('site-a/u1', ['x']);
    changes.publish({
      kind: 'similarity',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'because-b' }],
    }); // a reason of b
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.lists().at(-1)).toMatchObject({
      cause: 'item-change',
      items: [expect.objectContaining({ id: 'x' })],
    });
  });

  it('recomputes a list when an item it shows is updated in the catalogue', async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'u1');
    await vi.advanceTimersByTimeAsync(1_000);
    recommender.lists.set('site-a/u1', ['a', 'b', 'c', 'd']);
    changes.publish({
      kind: 'item-change',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'c' }],
      removed: false,
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.lists().at(-1)).toMatchObject({ cause: 'catalog', version: 2 });
  });

  it('recomputes a subscription for similarity changes at most once per background interval', async () => {
    const client = createSubscriber();
    subscribe(client, 'ctx-box', 'u1', { context: ['sku-9'] });
    await vi.advanceTimersByTimeAsync(2_500);
    const similarity = () =>
      changes.publish({
        kind: 'similarity',
        siteId: 'site-a',
        items: [{ type: 'product', id: 'sku-9' }],
      });
    for (let i = 0; i < 10; i += 1) {
      similarity();
      await vi.advanceTimersByTimeAsync(400);
    }
    await vi.advanceTimersByTimeAsync(2_500);
    expect(recommender.calls.length - 1).toBe(3); // at 2.5 s, 4.5 s and 6.5 s; the last wave is not lost
  });

  it('does not hold back a user event behind the similarity throttle', async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'u1', { context: ['sku-9'] });
    await vi.advanceTimersByTimeAsync(500);
    changes.publish({
      kind: 'similarity',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'sku-9' }],
    });
    recommender.lists.set('site-a/u1', ['new']);
    userEvent(['u1']);
    await vi.advanceTimersByTimeAsync(5);
    expect(client.lists().at(-1)).toMatchObject({
      cause: 'user-event',
      items: [expect.objectContaining({ id: 'new' })],
    });
  });

  it("pushes the user's own event at once even right after a similarity push", async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'u1', { context: ['sku-9'] });
    await vi.advanceTimersByTimeAsync(3_000);
    recommender.lists.set('site-a/u1', ['similar-1']);
    changes.publish({
      kind: 'similarity',
      siteId: 'site-a',
      items: [{ type: 'product', id: 'sku-9' }],
    });
    await vi.advanceTimersByTimeAsync(5);
    expect(client.lists().at(-1)).toMatchObject({ cause: 'item-change', version: 2 });
    const similarityPushAt = Date.now();
    recommender.lists.set('site-a/u1', ['own']);
    userEvent(['u1']);
    await vi.advanceTimersByTimeAsync(5);
    expect(client.lists().at(-1)).toMatchObject({
      cause: 'user-event',
      version: 3,
      items: [expect.objectContaining({ id: 'own' })],
    });
    expect(Date.now() - similarityPushAt).toBeLessThan(300);
  });

  it('follows the known id after a login of the subscribed anonymous user, and asks for it', async () => {
    const client = createSubscriber();
    subscribe(client, 'box', 'anon-1');
    await vi.advanceTimersByTimeAsync(1_000);
    userEvent(['anon-1', 'known-1', 'someone-else'], 'site-a', ['login', 'view']); // a batch may mix users
    await vi.advanceTimersByTimeAsync(1_000);
    recommender.lists.set('site-a/known-1', ['after-login']);
    userEvent(['known-1']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ids(client.lists().at(-1))).toEqual(['after-login']);
    expect(recommender.calls.at(-1)?.request.user).toBe('known-1');
    const calls = recommender.calls.length;
    userEvent(['someone-else']); // only the merge the graph confirms is followed
    await vi.advanceTimersByTimeAsync(1_000);
    expect(recommender.calls).toHaveLength(calls);
  });

  it('refuses a subscription past the cap but lets an id be replaced', async () => {
    const client = createSubscriber();
    for (const id of ['1', '2', '3']) subscribe(client, id);
    expect(() => subscribe(client, '4')).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS', field: 'id' }),
    );
    subscribe(client, '3', 'u2');
    live.unsubscribe(client.subscriber, '1');
    subscribe(client, '4');
    await vi.advanceTimersByTimeAsync(100);
    expect(
      client
        .lists()
        .map((m) => m.id)
        .sort(),
    ).toEqual(['2', '3', '4']);
    expect(live.stats().subscriptions).toBe(3);
  });

  it('answers an unknown scenario with an error carrying the id and drops the subscription', async () => {
    const client = createSubscriber();
    recommender.failWith(
      new AppError('SCENARIO_NOT_FOUND', 'No scenario "nope".', { field: 'scenario' }),
    );
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(0);
    expect(client.messages).toEqual([
      {
        type: 'error',
        id: 'box',
        code: 'SCENARIO_NOT_FOUND',
        detail: 'No scenario "nope".',
        field: 'scenario',
      },
    ]);
    expect(live.stats().subscriptions).toBe(0);
  });

  it('reports a late first list while Neo4j is down and sends it when Neo4j is back', async () => {
    const client = createSubscriber();
    recommender.failWith(
      new AppError('NEO4J_UNAVAILABLE', 'The graph database is unavailable; retry shortly.'),
    );
    subscribe(client, 'box');
    await vi.advanceTimersByTimeAsync(2_500);
    expect(client.messages).toEqual([
      expect.objectContaining({ type: 'error', id: 'box', code: 'NEO4J_UNAVAILABLE' }),
    ]);
    recommender.failWith(undefined);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.lists()).toEqual([expect.objectContaining({ cause: 'initial', version: 1 })]);
  });

  it('stops everything for a subscriber that went away', async () => {
    const client = createSubscriber();
    subscribe(client, 'box');
    live.dropSubscriber(client.subscriber);
    await vi.advanceTimersByTimeAsync(1_000);
    userEvent(['u1']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.messages).toEqual([]);
    expect(live.stats().subscriptions).toBe(0);
  });
});
