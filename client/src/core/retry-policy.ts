/** What to do with a batch of events after one attempt to send it. */
export type DeliveryOutcome =
  | { action: 'delivered' }
  | { action: 'drop'; status: number }
  | { action: 'retry'; retryAfterMs?: number };

/** Retry-After is honoured, but never parks the queue for more than an hour. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * The retry rules. A 2xx is done. A 4xx will fail the same way every time (bad body, bad key, origin
 * not allowed) so the batch is dropped — except 429, which asks us to come back later. 5xx and network
 * failures (status undefined) are retried; the event ids make the retry harmless.
 */
export function classifyResponse(
  status: number | undefined,
  retryAfter: string | null | undefined = undefined,
  now: number = Date.now(),
): DeliveryOutcome {
  if (status !== undefined && status >= 200 && status < 300) return { action: 'delivered' };
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return { action: 'drop', status };
  }
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  return retryAfterMs === undefined ? { action: 'retry' } : { action: 'retry', retryAfterMs };
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let delayMs: number;
  if (/^\d+$/.test(trimmed)) delayMs = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    delayMs = at - now;
  }
  return Math.min(Math.max(delayMs, 0), MAX_RETRY_AFTER_MS);
}
