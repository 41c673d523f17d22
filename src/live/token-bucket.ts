/** A token bucket: `ratePerSecond` tokens refill continuously up to `burst`; each message takes one. */
export interface TokenBucket {
  /** Takes a token if there is one; false means the caller is over its rate. */
  take(now?: number): boolean;
}

export function createTokenBucket(
  ratePerSecond: number,
  burst: number,
  now: number = Date.now(),
): TokenBucket {
  let tokens = burst;
  let updatedAt = now;
  return {
    take(at = Date.now()) {
      tokens = Math.min(burst, tokens + ((at - updatedAt) * ratePerSecond) / 1000);
      updatedAt = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
