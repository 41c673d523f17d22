import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal payloads give equal text whatever their
 * key order. Built by appending to one string (it runs for every event received).
 */
export function toCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += toCanonicalJson(value[index] ?? null);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const entry = record[key];
    if (entry === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${toCanonicalJson(entry)}`;
  }
  return `${text}}`;
}

/**
 * Fingerprint of an event's payload (128 bits of SHA-256, base64url). It is computed from what
 * the client sent, never from server-filled values such as a defaulted or clamped timestamp, so a
 * retry of the same event always hashes the same.
 */
export function hashPayload(payload: unknown): string {
  return hash('sha256', toCanonicalJson(payload), 'base64url').slice(0, 22);
}
