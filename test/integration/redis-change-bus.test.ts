import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Change } from '../../src/changes/change-bus.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRedisChangeBus, type RedisChangeBus } from '../../src/live/redis-change-bus.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

const logger = createLogger('silent');
const change = (siteId: string): Change => ({
  kind: 'user-event',
  siteId,
  users: ['u1'],
  items: [{ type: 'product', id: 'sku-1' }],
  eventTypes: ['view'],
  viewsOnly: [{ user: 'u1', views: [{ type: 'product', id: 'sku-1', at: 1_700_000_000_000 }] }],
});

function collect(bus: RedisChangeBus): Change[] {
  const seen: Change[] = [];
  bus.subscribe((c) => seen.push(c));
  return seen;
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the Redis change bus (real redis-server)', () => {
  let redis: TestRedis;
  let a: RedisChangeBus;
  let b: RedisChangeBus;
  beforeAll(async () => {
    redis = await startTestRedis();
    a = createRedisChangeBus({ url: redis.url, logger, channel: 'test:changes' });
    b = createRedisChangeBus({ url: redis.url, logger, channel: 'test:changes' });
    expect(await a.ready(5_000)).toBe(true);
    expect(await b.ready(5_000)).toBe(true);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('delivers a change to the local listeners at once and to the other instance through Redis, once each', async () => {
    const seenByA = collect(a);
    const seenByB = collect(b);
    a.publish(change('site-1'));
    expect(seenByA).toEqual([change('site-1')]); // synchronous, no round trip through Redis
    await waitUntil(() => seenByB.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100)); // A's own echo must not arrive as a second delivery
    expect(seenByA).toEqual([change('site-1')]);
    expect(seenByB).toEqual([change('site-1')]);
  });

  it('ignores malformed messages on the channel', async () => {
    const seenByB = collect(b);
    const raw = new Redis(redis.url);
    await raw.publish('test:changes', 'not json');
    await raw.publish(
      'test:changes',
      JSON.stringify({ origin: 'x', change: { kind: 'drop-tables', siteId: 's' } }),
    );
    await raw.publish('test:changes', JSON.stringify({ origin: 'x', change: change('site-2') }));
    raw.disconnect();
    await waitUntil(() => seenByB.length === 1);
    expect(seenByB).toEqual([change('site-2')]);
  });

  it('keeps delivering locally while Redis is down and shares changes again after it comes back', async () => {
    const seenByA = collect(a);
    const seenByB = collect(b);
    let resyncsOfB = 0;
    b.onResync(() => (resyncsOfB += 1));
    await redis.restart();
    a.publish(change('during-outage'));
    // A change of an earlier test may still arrive through Redis: look at this one only.
    expect(seenByA.filter((c) => c.siteId === 'during-outage')).toEqual([change('during-outage')]);
    expect(await a.ready(10_000)).toBe(true);
    expect(await b.ready(10_000)).toBe(true);
    await waitUntil(() => {
      a.publish(change('after-outage'));
      return seenByB.some((c) => c.siteId === 'after-outage');
    }, 15_000);
    // B may have missed changes while Redis was down: its caches are told to start over.
    expect(resyncsOfB).toBe(1);
  });
});
