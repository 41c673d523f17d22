import { describe, expect, it } from 'vitest';
import { formatSlowest, serviceMsOf, summarizeSlowest } from './slowest-requests.js';

describe('serviceMsOf', () => {
  it('reads the app duration among other metrics', () => {
    expect(serviceMsOf('app;dur=12.5')).toBe(12.5);
    expect(serviceMsOf('db;dur=3, app;desc="service";dur=7')).toBe(7);
    expect(serviceMsOf(['cache;dur=1', 'app;dur=2'])).toBe(2);
  });

  it('is undefined without an app duration', () => {
    expect(serviceMsOf(undefined)).toBeUndefined();
    expect(serviceMsOf('db;dur=3')).toBeUndefined();
    expect(serviceMsOf('myapp;dur=3')).toBeUndefined();
  });
});

describe('summarizeSlowest', () => {
  it('takes the slowest share and splits their time into service and outside', () => {
    const samples = Array.from({ length: 200 }, (_, index) => ({
      sentAtMs: index * 100,
      totalMs: index === 50 || index === 51 ? 2_000 + index : 5,
      serviceMs: index === 51 ? undefined : 4,
    }));
    const summary = summarizeSlowest(samples, 0.01)!;
    expect(summary).toEqual({
      count: 2,
      totalMs: { min: 2_050, max: 2_051 },
      serviceMs: { p50: 4, max: 4 },
      outsideP50Ms: 2_046,
      sentAtS: { first: 5, last: 5.1, distinctSeconds: 1 },
    });
    expect(formatSlowest(summary)).toBe(
      'slowest 2: 2,050–2,051 ms; service time p50 4 / max 4 ms, outside the service p50 2,046 ms; sent 5.0–5.1 s into the phase, in 1 distinct seconds',
    );
  });

  it('keeps at least one sample and says when there is none', () => {
    expect(summarizeSlowest([{ sentAtMs: 0, totalMs: 1, serviceMs: undefined }])?.count).toBe(1);
    expect(summarizeSlowest([])).toBeUndefined();
    expect(formatSlowest(undefined)).toBe('no answers');
  });
});
