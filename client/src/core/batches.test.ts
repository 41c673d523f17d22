import { describe, expect, it } from 'vitest';
import { measureJsonBytes, takeBatch } from './batches.js';

const events = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: `e${index}`, type: 'view' }));

describe('takeBatch', () => {
  it('never puts more than 500 events in one request, whatever was asked', () => {
    expect(takeBatch(events(1200), 10_000, Number.MAX_SAFE_INTEGER)).toHaveLength(500);
  });

  it('takes at most the configured batch size', () => {
    expect(takeBatch(events(50), 20)).toEqual(events(20));
  });

  it('stops before the JSON body would pass the byte limit', () => {
    const batch = takeBatch(events(100), 500, 200);
    expect(batch.length).toBeGreaterThan(0);
    expect(measureJsonBytes({ events: batch })).toBeLessThanOrEqual(200);
    expect(measureJsonBytes({ events: events(batch.length + 1) })).toBeGreaterThan(200);
  });

  it('still takes a single oversized event, so it cannot block the queue', () => {
    const huge = { id: 'big', text: 'x'.repeat(1000) };
    expect(takeBatch([huge, ...events(3)], 500, 100)).toEqual([huge]);
  });
});

describe('measureJsonBytes', () => {
  it('counts UTF-8 bytes, not UTF-16 units', () => {
    for (const value of [
      { a: 'plain' },
      { a: 'crème brûlée' },
      { a: '日本語' },
      { a: 'emoji 🎉🎉' },
    ]) {
      expect(measureJsonBytes(value)).toBe(Buffer.byteLength(JSON.stringify(value), 'utf8'));
    }
  });
});
