import { describe, expect, it } from 'vitest';
import {
  chunk,
  detectRatingScale,
  deterministicUuid,
  planTimeShift,
  toEvent,
  toRating100,
} from './interaction-events.js';

const options = {
  siteId: 'site-1',
  eventType: 'view',
  itemType: 'movie',
  timeShiftMs: 1000,
  ratingScale: 5,
} as const;

describe('toEvent', () => {
  it('turns a row into an event of the chosen type with a shifted timestamp', () => {
    const event = toEvent({ user: 'u1', item: '42', rating: 4, timestamp: 5000 }, 0, options);
    expect(event).toMatchObject({
      type: 'view',
      user: 'u1',
      item: '42',
      itemType: 'movie',
      timestamp: 6000,
    });
    expect(event).not.toHaveProperty('rating');
  });

  it('adds the fields each event type requires', () => {
    expect(
      toEvent({ user: 'u', item: 'i', rating: 4 }, 0, { ...options, eventType: 'rate' }),
    ).toMatchObject({ rating: 80 });
    expect(
      toEvent({ user: 'u', item: 'i' }, 0, { ...options, eventType: 'consume' }),
    ).toMatchObject({ percent: 100 });
    expect(toEvent({ user: 'u', item: 'i' }, 0, { ...options, eventType: 'buy' })).toMatchObject({
      quantity: 1,
    });
    expect(toEvent({ user: 'u', item: 'i' }, 0, options)).not.toHaveProperty('timestamp');
  });

  it('gives a row the same id on every run and different rows different ids', () => {
    const row = { user: 'u', item: 'i', timestamp: 1 };
    expect(toEvent(row, 3, options).id).toBe(toEvent(row, 3, options).id);
    expect(toEvent(row, 4, options).id).not.toBe(toEvent(row, 3, options).id);
    expect(toEvent(row, 3, { ...options, siteId: 'site-2' }).id).not.toBe(
      toEvent(row, 3, options).id,
    );
  });
});

describe('deterministicUuid', () => {
  it('has the layout of a version-5 UUID', () => {
    expect(deterministicUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('ratings', () => {
  it('maps stars to 0..100 and detects the scale of the data', () => {
    expect(toRating100(1, 5)).toBe(20);
    expect(toRating100(5, 5)).toBe(100);
    expect(toRating100(7.5, 10)).toBe(75);
    expect(toRating100(undefined, 5)).toBe(100);
    expect(detectRatingScale([{ user: 'u', item: 'i', rating: 4.5 }])).toBe(5);
    expect(detectRatingScale([{ user: 'u', item: 'i', rating: 9 }])).toBe(10);
    expect(detectRatingScale([{ user: 'u', item: 'i', rating: 55 }])).toBe(100);
  });
});

describe('planTimeShift', () => {
  it('moves the newest row to one minute before now, or keeps timestamps', () => {
    const rows = [
      { user: 'u', item: 'a', timestamp: 1_000 },
      { user: 'u', item: 'b', timestamp: 9_000 },
      { user: 'u', item: 'c' },
    ];
    expect(planTimeShift(rows, 'shift', 100_000) + 9_000).toBe(40_000);
    expect(planTimeShift(rows, 'keep', 100_000)).toBe(0);
    expect(planTimeShift([{ user: 'u', item: 'c' }], 'shift', 100_000)).toBe(0);
  });
});

describe('chunk', () => {
  it('cuts a list into slices of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
