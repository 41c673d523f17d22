export interface BackoffOptions {
  /** Upper bound of the first delay, in ms. */
  baseDelayMs: number;
  /** No delay is ever longer than this, in ms. */
  maxDelayMs: number;
}

/**
 * "Full jitter" exponential backoff: a uniformly random delay in [0, min(max, base × 2^attempt)).
 * Spreading retries over the whole window keeps a crowd of clients from hammering a recovering server
 * in lock-step (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function computeBackoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
