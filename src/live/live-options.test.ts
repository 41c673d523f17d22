import { describe, expect, it } from 'vitest';
import { LIVE_DEFAULTS, resolveLiveOptions } from './live-options.js';

describe('resolveLiveOptions', () => {
  it('uses the documented defaults', () => {
    expect(resolveLiveOptions()).toEqual(LIVE_DEFAULTS);
    expect(LIVE_DEFAULTS).toMatchObject({
      path: '/v1/live',
      minIntervalMs: 300,
      maxPayloadBytes: 16_384,
      maxSubscriptionsPerConnection: 20,
      pingIntervalMs: 30_000,
    });
  });

  it('merges given options over the defaults and ignores undefined ones', () => {
    expect(resolveLiveOptions({ pingIntervalMs: 50, minIntervalMs: undefined })).toMatchObject({
      pingIntervalMs: 50,
      minIntervalMs: 300,
    });
  });

  it('throws a TypeError for an unknown option or a wrong type', () => {
    expect(() => resolveLiveOptions({ pingInterval: 5 } as never)).toThrow(TypeError);
    expect(() => resolveLiveOptions({ maxPayloadBytes: '16k' } as never)).toThrow(
      /maxPayloadBytes" must be an integer/,
    );
    expect(() => resolveLiveOptions({ minIntervalMs: 1.5 })).toThrow(TypeError);
    expect(() => resolveLiveOptions({ path: 'live' })).toThrow(TypeError);
  });

  it('throws a RangeError for a value out of range', () => {
    expect(() => resolveLiveOptions({ maxSubscriptionsPerConnection: 0 })).toThrow(RangeError);
    expect(() => resolveLiveOptions({ minIntervalMs: -1 })).toThrow(/from 0 to 60000, got -1/);
    expect(() => resolveLiveOptions({ recomputeConcurrency: 2, backgroundConcurrency: 3 })).toThrow(
      RangeError,
    );
  });
});
