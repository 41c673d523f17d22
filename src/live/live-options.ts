/** Every tunable of the live protocol, with its default. docs/api.md (Live) lists the same values. */
export interface LiveOptions {
  /** The path that upgrades to WebSocket. */
  path: string;
  /** Minimum time between two change pushes to one subscription (LIVE_MIN_INTERVAL_MS). */
  minIntervalMs: number;
  /** Largest client message; bigger ones close the connection with 1009 (ws's maxPayload). */
  maxPayloadBytes: number;
  maxSubscriptionsPerConnection: number;
  /** Open connections per site on this instance; more are refused at the upgrade with 503. */
  maxConnectionsPerSite: number;
  /** Token bucket per connection: sustained messages per second and burst size. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Ping period; a peer that has not answered the previous ping by the next one is terminated. */
  pingIntervalMs: number;
  /** A connection with more than this many bytes waiting to be sent is cut off (slow reader). */
  maxBufferedBytes: number;
  /** Recommendation recomputes running at once (all sites together). */
  recomputeConcurrency: number;
  /** Of those, how many may serve background refreshes (similarity changes). */
  backgroundConcurrency: number;
  /** Similarity refreshes come in waves: one background recompute per subscription per this interval. */
  backgroundIntervalMs: number;
  /**
   * Share of the time the background line may be busy: after a background recompute of d ms it
   * rests d × (100 / share − 1) ms, so cheap recomputes do not simply run more often.
   */
  backgroundSharePercent: number;
  /** Wait before retrying a recompute that failed because Neo4j was unavailable. */
  retryDelayMs: number;
  /** After sending a close frame, how long a peer gets to answer before the socket is destroyed. */
  closeGraceMs: number;
}

export const LIVE_DEFAULTS: Readonly<LiveOptions> = Object.freeze({
  path: '/v1/live',
  minIntervalMs: 300,
  maxPayloadBytes: 16 * 1024,
  maxSubscriptionsPerConnection: 20,
  maxConnectionsPerSite: 10_000,
  messagesPerSecond: 20,
  messageBurst: 40,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 1024 * 1024,
  // Two cores run Neo4j and the service: more recomputes at once only queue inside Neo4j, and each
  // background slot is CPU taken from the urgent ones (bench:live, 1,000 subscribers at 100
  // events/s: 8/2 gave p99 1.5 s, 8/1 233 ms, 4/1 171 ms).
  recomputeConcurrency: 4,
  backgroundConcurrency: 1,
  backgroundIntervalMs: 2_000,
  backgroundSharePercent: 34,
  retryDelayMs: 2_000,
  closeGraceMs: 1_000,
});

type NumericOption = Exclude<keyof LiveOptions, 'path'>;

/** Inclusive bounds of each numeric option. */
const RANGES: Record<NumericOption, [min: number, max: number]> = {
  minIntervalMs: [0, 60_000],
  maxPayloadBytes: [256, 1024 * 1024],
  maxSubscriptionsPerConnection: [1, 1_000],
  maxConnectionsPerSite: [1, 1_000_000],
  messagesPerSecond: [1, 100_000],
  messageBurst: [1, 100_000],
  pingIntervalMs: [10, 3_600_000],
  maxBufferedBytes: [1024, 1024 * 1024 * 1024],
  recomputeConcurrency: [1, 1_000],
  backgroundConcurrency: [1, 1_000],
  backgroundIntervalMs: [0, 600_000],
  backgroundSharePercent: [1, 100],
  retryDelayMs: [10, 600_000],
  closeGraceMs: [0, 60_000],
};

/**
 * Merges options over the defaults and checks them, like ws: an unknown option or a wrong type is a
 * TypeError, a value out of range a RangeError, so a bad setting fails at construction.
 */
export function resolveLiveOptions(options: Partial<LiveOptions> = {}): LiveOptions {
  for (const [name, value] of Object.entries(options)) {
    if (!(name in LIVE_DEFAULTS)) throw new TypeError(`Unknown live option "${name}"`);
    if (value === undefined) continue;
    if (name === 'path') {
      if (typeof value !== 'string' || !value.startsWith('/'))
        throw new TypeError(`The live option "path" must be a string starting with "/"`);
      continue;
    }
    const [min, max] = RANGES[name as NumericOption];
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new TypeError(`The live option "${name}" must be an integer`);
    if (value < min || value > max)
      throw new RangeError(`The live option "${name}" must be from ${min} to ${max}, got ${value}`);
  }
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  const resolved: LiveOptions = { ...LIVE_DEFAULTS, ...defined };
  if (resolved.backgroundConcurrency > resolved.recomputeConcurrency) {
    throw new RangeError(
      'The live option "backgroundConcurrency" must not exceed "recomputeConcurrency"',
    );
  }
  return resolved;
}
