import type { BackoffOptions } from './backoff.js';
import { MAX_EVENTS_PER_REQUEST } from './batches.js';
import type { FetchLike, RecographError } from './http.js';
import type { KeyValueStorage } from './storage.js';
import type { WebSocketConstructorLike } from './web-socket.js';

export interface RecographOptions {
  /** Where the Recograph API answers, e.g. `https://reco.example.com` (a path prefix is kept). */
  endpoint: string;
  /** The site's public key, `pk_…`. Never the secret key: it would be readable by every visitor. */
  siteKey: string;
  /** Where the ids and the unsent events persist. Default: localStorage in browsers, else memory. */
  storage?: KeyValueStorage;
  /** A fetch-compatible function. Default: the global fetch. */
  transport?: FetchLike;
  /** A WHATWG-compatible WebSocket constructor for `live`. Default: the global WebSocket. */
  WebSocket?: WebSocketConstructorLike;
  /** Prefix of every storage key. */
  storagePrefix?: string;
  /** Events wait at most this long to be sent together. */
  flushIntervalMs?: number;
  /** Events per request (at most 500, the server's limit); a full batch is sent at once. */
  maxBatchSize?: number;
  /** Unsent events kept at most; past it the oldest are dropped. */
  maxQueueSize?: number;
  /** Backoff of event retries. */
  retry?: Partial<BackoffOptions>;
  /** Backoff of live reconnections. */
  reconnect?: Partial<BackoffOptions>;
  /** Dropped or rejected events, refused live connections, storage failures. */
  onError?: (error: RecographError) => void;
}

export const DEFAULT_OPTIONS = {
  storagePrefix: 'recograph.',
  flushIntervalMs: 1000,
  maxBatchSize: 100,
  maxQueueSize: 1000,
  retry: { baseDelayMs: 1000, maxDelayMs: 60_000 },
  reconnect: { baseDelayMs: 500, maxDelayMs: 30_000 },
} as const;

export type ResolvedOptions = Required<
  Omit<RecographOptions, 'storage' | 'transport' | 'WebSocket' | 'onError'>
> &
  Pick<RecographOptions, 'storage' | 'transport' | 'WebSocket' | 'onError'> & {
    retry: BackoffOptions;
    reconnect: BackoffOptions;
  };

/** Fills in the defaults and fails at once, with the option's name, on anything unusable. */
export function resolveOptions(options: RecographOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('Recograph.init needs an options object');
  const { endpoint, siteKey } = options;
  if (typeof endpoint !== 'string' || !/^https?:\/\/[^/]/i.test(endpoint)) {
    throw new TypeError(
      `endpoint must be an absolute http(s) URL, got ${JSON.stringify(endpoint)}`,
    );
  }
  if (typeof siteKey !== 'string' || !siteKey.startsWith('pk_')) {
    const hint =
      typeof siteKey === 'string' && siteKey.startsWith('sk_')
        ? ' (never ship the secret key to clients)'
        : '';
    throw new TypeError(`siteKey must be the site's public key, pk_…${hint}`);
  }
  const resolved: ResolvedOptions = {
    ...DEFAULT_OPTIONS,
    ...withoutUndefined(options),
    endpoint,
    siteKey,
    retry: { ...DEFAULT_OPTIONS.retry, ...withoutUndefined(options.retry) },
    reconnect: { ...DEFAULT_OPTIONS.reconnect, ...withoutUndefined(options.reconnect) },
  };
  requireInteger('flushIntervalMs', resolved.flushIntervalMs, 0, 60 * 60 * 1000);
  requireInteger('maxBatchSize', resolved.maxBatchSize, 1, MAX_EVENTS_PER_REQUEST);
  requireInteger('maxQueueSize', resolved.maxQueueSize, 1, 100_000);
  for (const name of ['retry', 'reconnect'] as const) {
    requireInteger(`${name}.baseDelayMs`, resolved[name].baseDelayMs, 1, 60 * 60 * 1000);
    requireInteger(
      `${name}.maxDelayMs`,
      resolved[name].maxDelayMs,
      resolved[name].baseDelayMs,
      60 * 60 * 1000,
    );
  }
  return resolved;
}

function requireInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`${name} must be an integer`);
  if (value < min || value > max)
    throw new RangeError(`${name} must be between ${min} and ${max}, got ${value}`);
}

function withoutUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter((entry) => entry[1] !== undefined),
  ) as Partial<T>;
}
