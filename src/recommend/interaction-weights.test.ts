import { describe, expect, it } from 'vitest';
import { HISTORY_WEIGHTS, weighHistory } from './interaction-weights.js';

const now = 100 * 86_400_000;
const entry = (id: string, relationship: string, extra: Record<string, unknown> = {}) => ({
  type: 'product',
  id,
  relationship,
  lastAt: now,
  ...extra,
});

describe('weighHistory', () => {
  it('orders interactions buy > basket > rate > consume > view', () => {
    const weights = weighHistory(
      [
        entry('b', 'BOUGHT'),
        entry('k', 'BASKETED'),
        entry('r', 'RATED', { rating: 80 }),
        entry('c', 'CONSUMED', { percent: 90 }),
        entry('v', 'VIEWED'),
      ],
      now,
    ).map((item) => item.weight);
    expect(weights).toEqual([5, 3, 3.8, 2.8, 1]);
    expect([...weights].sort((a, b) => b - a)).toEqual([5, 3.8, 3, 2.8, 1]);
  });

  it('keeps the strongest interaction per item and lets a hide override everything', () => {
    expect(weighHistory([entry('a', 'VIEWED'), entry('a', 'BOUGHT')], now)).toEqual([
      { type: 'product', id: 'a', weight: 5 },
    ]);
    expect(weighHistory([entry('a', 'BOUGHT'), entry('a', 'HID')], now)).toEqual([
      { type: 'product', id: 'a', weight: HISTORY_WEIGHTS.HID },
    ]);
  });

  it('halves the recency part every 14 days down to a floor of one half', () => {
    const [fresh, twoWeeks, old] = weighHistory(
      [
        entry('a', 'VIEWED'),
        entry('b', 'VIEWED', { lastAt: now - 14 * 86_400_000 }),
        entry('c', 'VIEWED', { lastAt: -900 * 86_400_000 }),
      ],
      now,
    );
    expect(fresh!.weight).toBe(1);
    expect(twoWeeks!.weight).toBeCloseTo(0.75, 10);
    expect(old!.weight).toBeCloseTo(0.5, 3);
  });

  it('counts a basket line emptied again as a view', () => {
    expect(weighHistory([entry('a', 'BASKETED', { quantity: 0 })], now)[0]!.weight).toBe(1);
  });
});
