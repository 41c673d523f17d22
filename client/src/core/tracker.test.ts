import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventQueue } from './event-queue.js';
import type { RecographError } from './http.js';
import { createMemoryStorage, type KeyValueStorage } from './storage.js';
import { createFakeFetch, sentEvents, type ScriptedAnswer } from './testing/fake-fetch.js';
import { createTracker, type TrackerOptions } from './tracker.js';
import type { TrackedEvent } from './types.js';

const event = (id: string): TrackedEvent => ({
  id,
  type: 'view',
  user: 'u',
  item: `sku-${id}`,
  timestamp: 0,
});
const events = (count: number, prefix = 'e') =>
  Array.from({ length: count }, (_, index) => event(`${prefix}${index}`));

function setup(
  script?: ScriptedAnswer[],
  overrides: Partial<TrackerOptions> = {},
  storage: KeyValueStorage = createMemoryStorage(),
) {
  const queue = createEventQueue<TrackedEvent>({ storage, key: 'q', maxSize: 5000 });
  const fetch = createFakeFetch(script);
  const errors: RecographError[] = [];
  const tracker = createTracker({
    endpoint: 'https://reco.test/',
    siteKey: 'pk_test',
    queue,
    fetch,
    flushIntervalMs: 1000,
    maxBatchSize: 100,
    backoff: { baseDelayMs: 1000, maxDelayMs: 60_000 },
    random: () => 0.999,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { tracker, queue, fetch, errors, storage };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createTracker', () => {
  it('sends the events of one flush interval together, with the public key as a bearer token', async () => {
    const { tracker, fetch } = setup();
    await tracker.enqueue([event('a')]);
    await vi.advanceTimersByTimeAsync(500);
    await tracker.enqueue([event('b')]);
    expect(fetch.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(fetch.requests).toHaveLength(1);
    expect(fetch.requests[0]).toMatchObject({
      url: 'https://reco.test/v1/events',
      method: 'POST',
      headers: { Authorization: 'Bearer pk_test', 'Content-Type': 'application/json' },
    });
    expect(sentEvents(fetch.requests).map((sent) => sent.id)).toEqual(['a', 'b']);
  });

  it('sends at once when a full batch is waiting', async () => {
    const { tracker, fetch } = setup(undefined, { maxBatchSize: 3 });
    await tracker.enqueue(events(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch.requests).toHaveLength(1);
  });

  it('splits a large queue into requests of at most 500 events', async () => {
    const { tracker, fetch, queue } = setup(undefined, { maxBatchSize: 500 });
    await queue.add(events(1200));
    await tracker.flush();
    expect(
      fetch.requests.map((request) => (request.json as { events: unknown[] }).events.length),
    ).toEqual([500, 500, 200]);
    expect(await queue.read()).toEqual([]);
  });

  it('drops a batch the server refuses with a 4xx, reports it and does not retry', async () => {
    const problem = {
      status: 400,
      body: { code: 'VALIDATION_FAILED', detail: 'events/0/item: Required' },
    };
    const { tracker, fetch, queue, errors } = setup([problem]);
    await tracker.enqueue([event('a')]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetch.requests).toHaveLength(1);
    expect(await queue.read()).toEqual([]);
    expect(errors.map((error) => [error.code, error.status])).toEqual([['VALIDATION_FAILED', 400]]);
  });

  it('retries a 5xx with the same event ids until the server takes them', async () => {
    const { tracker, fetch, queue } = setup([
      { status: 500 },
      { status: 502 },
      { status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } },
    ]);
    await tracker.enqueue([event('a')]);
    await vi.advanceTimersByTimeAsync(1000 + 999 + 1998);
    expect(sentEvents(fetch.requests).map((sent) => sent.id)).toEqual(['a', 'a', 'a']);
    expect(await queue.read()).toEqual([]);
  });

  it('backs off exponentially after each network failure', async () => {
    const { tracker, fetch } = setup([{ networkError: true }]);
    await tracker.enqueue([event('a')]);
    await vi.advanceTimersByTimeAsync(1000);
    const sentAt = [Date.now()];
    for (let attempt = 0; attempt < 4; attempt++) {
      const count = fetch.requests.length;
      while (fetch.requests.length === count) await vi.advanceTimersByTimeAsync(1);
      sentAt.push(Date.now());
    }
    const gaps = sentAt.slice(1).map((at, index) => at - sentAt[index]!);
    expect(gaps).toEqual([999, 1998, 3996, 7992]); // random() = 0.999 of 1 s, 2 s, 4 s, 8 s
  });

  it('retries a 429 and waits the Retry-After of a 503 before trying again', async () => {
    const { tracker, fetch, queue } = setup([
      { status: 429 },
      { status: 503, headers: { 'Retry-After': '30' } },
      { status: 200, body: {} },
    ]);
    await tracker.enqueue([event('a')]);
    await vi.advanceTimersByTimeAsync(1000 + 999);
    expect(fetch.requests).toHaveLength(2);
    await tracker.flush(); // an explicit flush does not jump the server's Retry-After either
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fetch.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch.requests).toHaveLength(3);
    expect(await queue.read()).toEqual([]);
  });

  it('drops the events a 200 rejects and reports them with their reasons', async () => {
    const answer = {
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, code: 'EVENT_ID_REUSED', detail: 'reused' }],
    };
    const { tracker, fetch, queue, errors } = setup([{ status: 200, body: answer }]);
    await tracker.enqueue([event('a'), event('b')]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch.requests).toHaveLength(1);
    expect(await queue.read()).toEqual([]);
    expect(errors[0]?.code).toBe('EVENTS_REJECTED');
    expect(errors[0]?.details).toEqual([
      { index: 1, code: 'EVENT_ID_REUSED', detail: 'reused', event: event('b') },
    ]);
  });

  it('sends after a reload what the previous page could not', async () => {
    const storage = createMemoryStorage();
    const before = setup([{ networkError: true }], {}, storage);
    await before.tracker.enqueue([event('a')]);
    await vi.advanceTimersByTimeAsync(1000);
    before.tracker.stop();

    const after = setup(undefined, {}, storage);
    await after.tracker.flush();
    expect(sentEvents(after.fetch.requests).map((sent) => sent.id)).toEqual(['a']);
  });
});

describe('flushWithBeacon', () => {
  it('posts the queue as text to the events URL with the key in the query, and forgets what went', async () => {
    const { tracker, queue } = setup();
    await tracker.enqueue([event('a'), event('b')]);
    const beacons: Array<{ url: string; body: string }> = [];
    expect(tracker.flushWithBeacon((url, body) => beacons.push({ url, body }) > 0)).toBe(2);
    expect(beacons).toHaveLength(1);
    expect(beacons[0]?.url).toBe('https://reco.test/v1/events?key=pk_test');
    expect(
      (JSON.parse(beacons[0]!.body) as { events: TrackedEvent[] }).events.map((sent) => sent.id),
    ).toEqual(['a', 'b']);
    expect(await queue.read()).toEqual([]);
  });

  it('keeps the events queued when the browser refuses the beacon', async () => {
    const { tracker, queue } = setup();
    await tracker.enqueue([event('a')]);
    expect(tracker.flushWithBeacon(() => false)).toBe(0);
    expect((await queue.read()).map((queued) => queued.id)).toEqual(['a']);
  });

  it('keeps every beacon under 64 KiB', async () => {
    const { tracker } = setup(undefined, { maxBatchSize: 500 });
    const bulky = events(400).map((queued) => ({ ...queued, note: 'x'.repeat(500) }));
    await tracker.enqueue(bulky);
    const sizes: number[] = [];
    expect(tracker.flushWithBeacon((_url, body) => sizes.push(body.length) > 0)).toBe(400);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(64 * 1024);
  });

  it('sends nothing while the server has asked to wait: the queue keeps it for the next page', async () => {
    const { tracker, queue } = setup([{ status: 503, headers: { 'Retry-After': '60' } }]);
    await tracker.enqueue([event('a')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracker.flushWithBeacon(() => true)).toBe(0);
    expect(await queue.read()).toHaveLength(1);
  });
});

describe('tracking over the live socket', () => {
  it('uses the open socket instead of HTTP', async () => {
    const sendTrack = vi.fn(async () => ({ accepted: 1, duplicates: 0, rejected: [] }));
    const { tracker, fetch, queue } = setup(undefined, { socketChannel: () => ({ sendTrack }) });
    await tracker.enqueue([event('a')]);
    await tracker.flush();
    expect(sendTrack).toHaveBeenCalledWith([event('a')]);
    expect(fetch.requests).toHaveLength(0);
    expect(await queue.read()).toEqual([]);
  });

  it('falls back to HTTP when the socket closes before its ack', async () => {
    const sendTrack = vi.fn(async () => Promise.reject(new Error('closed')));
    const { tracker, fetch, queue } = setup(undefined, { socketChannel: () => ({ sendTrack }) });
    await tracker.enqueue([event('a')]);
    await tracker.flush();
    expect(sentEvents(fetch.requests).map((sent) => sent.id)).toEqual(['a']);
    expect(await queue.read()).toEqual([]);
  });
});
