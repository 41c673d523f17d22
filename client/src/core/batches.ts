/** The server takes at most 500 events per request (SPEC section 4). */
export const MAX_EVENTS_PER_REQUEST = 500;
/** The server takes at most 512 KiB per request; stay clearly below it. */
export const MAX_BYTES_PER_REQUEST = 500_000;

/**
 * Takes the longest prefix of `events` that fits in one request: at most `maxEvents` events and at
 * most `maxBytes` of JSON. The first event is always taken, so an oversized event cannot block the
 * queue forever (the server will refuse it, and the refusal drops it).
 */
export function takeBatch<T>(
  events: readonly T[],
  maxEvents: number = MAX_EVENTS_PER_REQUEST,
  maxBytes: number = MAX_BYTES_PER_REQUEST,
): T[] {
  const batch: T[] = [];
  let bytes = '{"events":[]}'.length;
  for (const event of events) {
    if (batch.length >= Math.min(maxEvents, MAX_EVENTS_PER_REQUEST)) break;
    const size = measureJsonBytes(event) + (batch.length > 0 ? 1 : 0);
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(event);
    bytes += size;
  }
  return batch;
}

/** UTF-8 length of the JSON text, without needing TextEncoder (absent in some mobile runtimes). */
export function measureJsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair (4 bytes) counts as two UTF-16 units already
      index++;
    } else if (code >= 0x800) bytes += 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}
