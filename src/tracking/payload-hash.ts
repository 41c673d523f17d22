import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal payloads give equal text whatever their key order. */
export function toCanonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((entry) => toCanonicalJson(entry ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${toCanonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprint of an event's payload (128 bits of SHA-256, base64url). It is computed from what
 * the client sent, never from server-filled values such as a defaulted or clamped timestamp, so a
 * retry of the same event always hashes the same.
 */
export function hashPayload(payload: unknown): string {
  return createHash('sha256').update(toCanonicalJson(payload)).digest('base64url').slice(0, 22);
}
