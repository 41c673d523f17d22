import { createEventQueue } from './event-queue.js';
import { buildEvent } from './events.js';
import { RecographError, type FetchLike } from './http.js';
import { createIdentity } from './identity.js';
import { createUuid } from './ids.js';
import { createLiveClient, type LiveClient } from './live-client.js';
import { resolveOptions, type RecographOptions } from './options.js';
import { createRecommendationsClient } from './recommendations-client.js';
import { createMemoryStorage } from './storage.js';
import { createTracker } from './tracker.js';
import type {
  LiveRecommendation,
  Recommendation,
  RecommendOptions,
  TrackableEventType,
  TrackedEvent,
  TrackFields,
} from './types.js';
import { buildLiveUrl, type WebSocketConstructorLike } from './web-socket.js';

export interface LiveSubscription {
  close(): void;
}

export interface Recograph {
  readonly endpoint: string;
  readonly siteKey: string;
  /** Resolves once the stored ids and queue are read (at once with localStorage). */
  readonly ready: Promise<void>;
  /** The id events are tracked under: the known id after login, else the anonymous id. */
  user(): string | undefined;
  /** Queues an event and returns its id; throws TypeError/RangeError on invalid fields. */
  track<T extends TrackableEventType>(type: T, fields: TrackFields[T]): string;
  /** Sends a login event (anonymous id → known id) and tracks as the known id from then on. */
  login(knownUserId: string): Promise<void>;
  /** Forgets the known id and starts a new anonymous id. */
  logout(): Promise<void>;
  recommend(scenario: string, options?: RecommendOptions): Promise<Recommendation>;
  live(
    scenario: string,
    options: RecommendOptions,
    render: (recommendation: LiveRecommendation) => void,
    onError?: (error: RecographError) => void,
  ): LiveSubscription;
  /** Sends what is queued now (unless the server asked to wait). */
  flush(): Promise<void>;
  /** For page unload: hands what is queued to a beacon sender synchronously. */
  flushWithBeacon(send: (url: string, body: string) => boolean): number;
  /** Sends what is queued, then stops timers and closes the live socket. */
  close(): Promise<void>;
}

/** The SDK's core: no DOM, so the same code runs in browsers, React Native and Node. */
export function createRecograph(options: RecographOptions): Recograph {
  const config = resolveOptions(options);
  const storage = config.storage ?? createMemoryStorage();
  const fetchFunction: FetchLike = config.transport ?? ((url, init) => globalThis.fetch(url, init));
  const onError = (error: RecographError) => config.onError?.(error);
  const identity = createIdentity(storage, config.storagePrefix);
  const queue = createEventQueue<TrackedEvent>({
    storage,
    key: `${config.storagePrefix}queue`,
    maxSize: config.maxQueueSize,
    onOverflow: (count) =>
      onError(new RecographError('QUEUE_OVERFLOW', `${count} unsent events were dropped`)),
    onStorageError: (error) =>
      onError(
        new RecographError(
          'STORAGE_FAILED',
          'The event queue could not be stored',
          undefined,
          error,
        ),
      ),
  });
  let live: LiveClient | undefined;
  const tracker = createTracker({
    endpoint: config.endpoint,
    siteKey: config.siteKey,
    queue,
    fetch: fetchFunction,
    flushIntervalMs: config.flushIntervalMs,
    maxBatchSize: config.maxBatchSize,
    backoff: config.retry,
    onError,
    socketChannel: () => live?.trackChannel(),
  });
  const recommend = createRecommendationsClient({
    endpoint: config.endpoint,
    siteKey: config.siteKey,
    fetch: fetchFunction,
  });
  const followers = new Set<{ restart(): void }>();
  const ready = identity.ready.then(() => void tracker.flush()); // events left by the last session

  function liveClient(): LiveClient {
    live ??= createLiveClient({
      url: buildLiveUrl(config.endpoint, config.siteKey),
      WebSocket: config.WebSocket ?? globalWebSocket(),
      backoff: config.reconnect,
      onError,
    });
    return live;
  }

  /** Runs after the ids are loaded, in call order, so `login(); track()` tracks as the known user. */
  function afterIdentity<T>(step: () => T | Promise<T>): Promise<T> {
    return identity.ready.then(step);
  }

  function switchUser(change: () => Promise<void>): Promise<void> {
    const changed = change();
    followers.forEach((subscription) => subscription.restart());
    return changed;
  }

  return {
    endpoint: config.endpoint,
    siteKey: config.siteKey,
    ready,
    user: () => identity.currentUser(),
    track(type, fields) {
      const event = buildEvent(type, fields, { id: createUuid(), user: '', now: Date.now() });
      void afterIdentity(() => {
        event.user = fields.user ?? identity.currentUser() ?? '';
        return tracker.enqueue([event]);
      });
      return event.id;
    },
    login(knownUserId) {
      if (typeof knownUserId !== 'string' || knownUserId === '')
        throw new TypeError('login needs the known user id');
      return afterIdentity(() => {
        const previous = identity.knownUserId();
        if (previous === knownUserId) return;
        return switchUser(async () => {
          // Switching accounts without logout: a fresh anonymous id keeps one account's history out of the other.
          const reset = previous === undefined ? undefined : identity.reset();
          const anonymous = identity.anonymousId() ?? '';
          const saved = identity.setKnownUser(knownUserId);
          const login: TrackedEvent = {
            id: createUuid(),
            type: 'login',
            user: anonymous,
            knownUser: knownUserId,
            timestamp: new Date().toISOString(),
          };
          await Promise.all([reset, saved, tracker.enqueue([login])]);
          await tracker.flush(); // recommendations asked for next should already see the merge
        });
      });
    },
    logout: () => afterIdentity(() => switchUser(() => identity.reset())),
    recommend: (scenario, query = {}) =>
      afterIdentity(() =>
        recommend(scenario, { ...query, user: query.user ?? identity.currentUser() ?? '' }),
      ),
    live(scenario, query, render, onLiveError) {
      let inner: LiveSubscription | undefined;
      let closed = false;
      const follower = {
        restart() {
          inner?.close();
          inner = liveClient().subscribe(
            {
              scenario,
              user: query.user ?? identity.currentUser() ?? '',
              context: toList(query.context),
              limit: query.limit,
              exclude: toList(query.exclude),
            },
            { onRecommendations: render, onError: onLiveError },
          );
        },
      };
      if (query.user === undefined) followers.add(follower);
      void afterIdentity(() => closed || follower.restart());
      return {
        close() {
          closed = true;
          followers.delete(follower);
          inner?.close();
        },
      };
    },
    flush: () => afterIdentity(() => tracker.flush()),
    flushWithBeacon: (send) => tracker.flushWithBeacon(send),
    async close() {
      await afterIdentity(() => tracker.flush());
      tracker.stop();
      live?.close();
    },
  };
}

function toList(ids: string | string[] | undefined): string[] | undefined {
  if (ids === undefined) return undefined;
  return (Array.isArray(ids) ? ids : ids.split(',')).map((id) => id.trim()).filter(Boolean);
}

function globalWebSocket(): WebSocketConstructorLike {
  const constructor = (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket;
  if (constructor) return constructor;
  return class {
    constructor() {
      throw new TypeError(
        'No WebSocket here: pass one as the WebSocket option (e.g. from the ws package)',
      );
    }
  } as unknown as WebSocketConstructorLike;
}
