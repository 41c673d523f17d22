import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createLocalChangeBus, type Change, type ChangeBus } from '../changes/change-bus.js';
import type { Logger } from '../logging/logger.js';

export interface RedisChangeBusOptions {
  url: string;
  logger: Logger;
  /** One channel per deployment; instances sharing it act as one. */
  channel?: string;
  /** Tags this instance's messages so that it ignores their echo. */
  instanceId?: string;
}

export interface RedisChangeBus extends ChangeBus {
  /** Resolves true once subscribed to the channel, false if that took longer than `timeoutMs`. */
  ready(timeoutMs: number): Promise<boolean>;
}

const itemRef = z.object({ type: z.string(), id: z.string() });
/** Other instances are trusted, but Redis is a network service: check what comes out of it. */
const envelope = z.object({
  origin: z.string(),
  change: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('user-event'),
      siteId: z.string(),
      users: z.array(z.string()),
      items: z.array(itemRef),
      eventTypes: z.array(z.string()),
      viewsOnly: z
        .array(z.object({ user: z.string(), views: z.array(itemRef.extend({ at: z.number() })) }))
        .optional(),
    }),
    z.object({
      kind: z.literal('item-change'),
      siteId: z.string(),
      items: z.array(itemRef),
      removed: z.boolean(),
    }),
    z.object({ kind: z.literal('similarity'), siteId: z.string(), items: z.array(itemRef) }),
    z.object({ kind: z.literal('site-keys'), siteId: z.string() }),
  ]),
});

const retryStrategy = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 5_000);

/**
 * Change notifications shared by several API instances over Redis pub/sub: a change is delivered
 * to this instance's listeners at once and published for the others. Redis pub/sub keeps nothing:
 * while Redis is unreachable, changes from other instances are missed (lists catch up at the next
 * change) and local delivery goes on. ioredis reconnects and re-subscribes by itself; the
 * resync listeners then hear that changes may have been missed, so caches start over.
 */
export function createRedisChangeBus(options: RedisChangeBusOptions): RedisChangeBus {
  const { logger } = options;
  const channel = options.channel ?? 'recograph:changes';
  const instanceId = options.instanceId ?? randomUUID();
  const local = createLocalChangeBus();
  // No offline queue for publishing: a change published while Redis is down is dropped, not hoarded.
  const publisher = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy,
    connectionName: `recograph-pub-${instanceId}`,
  });
  const subscriber = new Redis(options.url, {
    retryStrategy,
    connectionName: `recograph-sub-${instanceId}`,
  });
  let subscribed = false;
  let dropped = 0;
  const resync = new Set<() => void>();

  for (const [role, connection] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    let healthy = true;
    connection.on('error', (error) => {
      if (healthy)
        logger.warn(
          { err: error, role },
          'Redis connection failed; live changes stay on this instance until it is back',
        );
      healthy = false;
    });
    connection.on('ready', () => {
      if (!healthy) logger.info({ role, dropped }, 'Redis connection restored');
      healthy = true;
    });
  }

  // Once the subscriber's connection closed, messages may have been missed until it is ready again.
  let subscriberLost = false;
  subscriber.on('close', () => (subscriberLost = true));
  subscriber.on('ready', () => {
    if (!subscriberLost) return;
    subscriberLost = false;
    for (const listener of resync) listener();
  });

  const subscription = subscriber.subscribe(channel).then(
    () => (subscribed = true),
    (error: unknown) =>
      logger.warn({ err: error }, 'Redis subscribe failed; ioredis will retry on reconnect'),
  );
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    let parsed: z.infer<typeof envelope>;
    try {
      parsed = envelope.parse(JSON.parse(text));
    } catch {
      logger.warn({ channel }, 'ignored a malformed change message from Redis');
      return;
    }
    if (parsed.origin !== instanceId) local.publish(parsed.change as Change);
  });

  return {
    publish(change) {
      local.publish(change);
      if (publisher.status !== 'ready') {
        dropped += 1;
        return;
      }
      publisher
        .publish(channel, JSON.stringify({ origin: instanceId, change }))
        .catch((error: unknown) => {
          dropped += 1;
          logger.debug({ err: error }, 'could not publish a change to Redis');
        });
    },
    subscribe: (listener) => local.subscribe(listener),
    onResync(listener) {
      resync.add(listener);
      return () => resync.delete(listener);
    },
    async ready(timeoutMs) {
      const ready = Promise.all([
        subscription,
        new Promise<void>((resolve) =>
          publisher.status === 'ready' ? resolve() : publisher.once('ready', () => resolve()),
        ),
      ]);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([ready, timeout]);
      clearTimeout(timer);
      return subscribed && publisher.status === 'ready';
    },
    async close() {
      await local.close();
      for (const connection of [publisher, subscriber]) connection.disconnect();
    },
  };
}
