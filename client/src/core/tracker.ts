import { computeBackoffDelay, type BackoffOptions } from './backoff.js';
import { MAX_BYTES_PER_REQUEST, measureJsonBytes, takeBatch } from './batches.js';
import type { EventQueue } from './event-queue.js';
import {
  authorizationHeaders,
  buildUrl,
  RecographError,
  toRecographError,
  type FetchLike,
} from './http.js';
import { classifyResponse, type DeliveryOutcome } from './retry-policy.js';
import { setBackgroundTimeout } from './timers.js';
import type { EventsAnswer, TrackedEvent } from './types.js';

/** Browsers refuse beacons (and keepalive fetches) above 64 KiB in flight. */
const BEACON_MAX_BYTES = 60_000;
/** The live protocol takes at most 16 KiB per message. */
const SOCKET_MAX_BYTES = 15_000;

/** Tracking over the live socket when one is open (see live-client.ts). */
export interface SocketTrackChannel {
  sendTrack(events: TrackedEvent[]): Promise<EventsAnswer>;
}

export interface TrackerOptions {
  endpoint: string;
  siteKey: string;
  queue: EventQueue<TrackedEvent>;
  fetch: FetchLike;
  flushIntervalMs: number;
  maxBatchSize: number;
  backoff: BackoffOptions;
  random?: () => number;
  now?: () => number;
  onError?: (error: RecographError) => void;
  socketChannel?: () => SocketTrackChannel | undefined;
}

export interface Tracker {
  enqueue(events: TrackedEvent[]): Promise<void>;
  /** Sends everything queued now, unless the server asked us to wait (backoff, Retry-After). */
  flush(): Promise<void>;
  /** Hands what is queued to `send` (navigator.sendBeacon) synchronously; returns how many went. */
  flushWithBeacon(send: (url: string, body: string) => boolean): number;
  stop(): void;
}

/** Batches events, sends them, and retries failures with full-jitter backoff (retry-policy.ts). */
export function createTracker(options: TrackerOptions): Tracker {
  const { queue, backoff, random = Math.random, now = Date.now } = options;
  const eventsUrl = buildUrl(options.endpoint, '/v1/events');
  const beaconUrl = buildUrl(options.endpoint, '/v1/events', { key: options.siteKey });
  const inFlight = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let retryAt = 0;
  let draining: Promise<void> | undefined;
  let rerun: Promise<void> | undefined;
  let stopped = false;

  function schedule(delayMs: number): void {
    if (stopped || timer !== undefined) return;
    timer = setBackgroundTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
  }

  /** One drain at a time; a flush asked for during a drain runs once more after it. */
  function flush(): Promise<void> {
    if (!draining) {
      draining = drain().finally(() => (draining = undefined));
      return draining;
    }
    rerun ??= draining.then(() => {
      rerun = undefined;
      return flush();
    });
    return rerun;
  }

  function cancelTimer(): void {
    clearTimeout(timer);
    timer = undefined;
  }

  async function drain(): Promise<void> {
    if (now() < retryAt) return schedule(retryAt - now());
    cancelTimer();
    for (;;) {
      const pending = (await queue.read()).filter((event) => !inFlight.has(event.id));
      if (pending.length === 0 || stopped) return;
      const channel = options.socketChannel?.();
      const batch = takeBatch(
        pending,
        options.maxBatchSize,
        channel ? SOCKET_MAX_BYTES : MAX_BYTES_PER_REQUEST,
      );
      const ids = batch.map((event) => event.id);
      ids.forEach((id) => inFlight.add(id));
      try {
        const outcome = await deliver(batch, channel);
        if (outcome.action === 'retry') {
          const delay = Math.max(
            outcome.retryAfterMs ?? 0,
            computeBackoffDelay(attempt++, backoff, random),
          );
          retryAt = now() + delay;
          cancelTimer();
          schedule(delay);
          return;
        }
        attempt = 0;
        retryAt = 0;
        await queue.remove(ids);
      } finally {
        ids.forEach((id) => inFlight.delete(id));
      }
    }
  }

  async function deliver(
    batch: TrackedEvent[],
    channel: SocketTrackChannel | undefined,
  ): Promise<DeliveryOutcome> {
    if (channel && measureJsonBytes({ type: 'track', events: batch }) <= SOCKET_MAX_BYTES) {
      try {
        reportRejected(await channel.sendTrack(batch), batch);
        return { action: 'delivered' };
      } catch {
        // the socket went away before its ack: HTTP below (a duplicate at worst)
      }
    }
    const body = JSON.stringify({ events: batch });
    let response;
    try {
      response = await options.fetch(eventsUrl, {
        method: 'POST',
        headers: { ...authorizationHeaders(options.siteKey), 'Content-Type': 'application/json' },
        body,
        keepalive: body.length <= BEACON_MAX_BYTES, // lets the request outlive the page
      });
    } catch {
      return { action: 'retry' };
    }
    const outcome = classifyResponse(response.status, response.headers.get('Retry-After'), now());
    if (outcome.action === 'delivered') {
      reportRejected(
        (await response.json().catch(() => undefined)) as EventsAnswer | undefined,
        batch,
      );
    } else if (outcome.action === 'drop') {
      options.onError?.(await toRecographError(response, `Sending ${batch.length} events`));
    }
    return outcome;
  }

  function reportRejected(answer: EventsAnswer | undefined, batch: TrackedEvent[]): void {
    const rejected = Array.isArray(answer?.rejected) ? answer.rejected : [];
    if (rejected.length === 0) return;
    const details = rejected.map((entry) => ({ ...entry, event: batch[entry.index] }));
    const message = `${rejected.length} of ${batch.length} events were rejected`;
    options.onError?.(new RecographError('EVENTS_REJECTED', message, 200, details));
  }

  return {
    async enqueue(events) {
      await queue.add(events);
      if (queue.snapshot().length >= options.maxBatchSize) void flush();
      else schedule(Math.max(options.flushIntervalMs, retryAt - now()));
    },
    flush,
    flushWithBeacon(send) {
      if (now() < retryAt) return 0; // the server asked us to wait: the queue keeps them for later
      let pending = queue.snapshot().filter((event) => !inFlight.has(event.id));
      const sent: string[] = [];
      while (pending.length > 0) {
        const batch = takeBatch(pending, options.maxBatchSize, BEACON_MAX_BYTES);
        if (!send(beaconUrl, JSON.stringify({ events: batch }))) break;
        sent.push(...batch.map((event) => event.id));
        pending = pending.slice(batch.length);
      }
      if (sent.length > 0) void queue.remove(sent);
      return sent.length;
    },
    stop() {
      stopped = true;
      cancelTimer();
    },
  };
}
