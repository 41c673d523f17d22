import { describe, expect, it } from 'vitest';
import { classifyResponse, parseRetryAfter } from './retry-policy.js';

describe('classifyResponse', () => {
  it('treats a 2xx as delivered', () => {
    expect(classifyResponse(200)).toEqual({ action: 'delivered' });
    expect(classifyResponse(204)).toEqual({ action: 'delivered' });
  });

  it.each([400, 401, 403, 409, 413, 422])(
    'drops the batch on %i: the same request would fail again',
    (status) => {
      expect(classifyResponse(status)).toEqual({ action: 'drop', status });
    },
  );

  it('retries 429, which asks to come back later', () => {
    expect(classifyResponse(429, '7')).toEqual({ action: 'retry', retryAfterMs: 7000 });
  });

  it.each([500, 502, 503, 504])('retries %i', (status) => {
    expect(classifyResponse(status)).toEqual({ action: 'retry' });
  });

  it('retries a network failure (no status at all)', () => {
    expect(classifyResponse(undefined)).toEqual({ action: 'retry' });
  });

  it('carries the Retry-After of a 503', () => {
    expect(classifyResponse(503, '2')).toEqual({ action: 'retry', retryAfterMs: 2000 });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('caps an absurd delay at one hour', () => {
    expect(parseRetryAfter('86400', now)).toBe(3_600_000);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
