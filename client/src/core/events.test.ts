import { describe, expect, it } from 'vitest';
import { buildEvent, starsToRating } from './events.js';
import type { TrackFields } from './types.js';

const identity = { id: 'e-1', user: 'u-1', now: Date.parse('2026-03-01T12:00:00Z') };

describe('starsToRating', () => {
  it('maps 1–5 stars evenly onto 0..100', () => {
    expect([1, 2, 3, 4, 5].map((stars) => starsToRating(stars))).toEqual([0, 25, 50, 75, 100]);
  });

  it('accepts half stars and other scales', () => {
    expect(starsToRating(4.5)).toBe(88);
    expect(starsToRating(10, 10)).toBe(100);
  });

  it('refuses stars outside the scale', () => {
    expect(() => starsToRating(0)).toThrow(RangeError);
    expect(() => starsToRating(6)).toThrow(RangeError);
    expect(() => starsToRating(Number.NaN)).toThrow(RangeError);
  });
});

describe('buildEvent', () => {
  it('stamps the id, the user and the time of the call', () => {
    expect(buildEvent('view', { item: 'sku-1' }, identity)).toEqual({
      id: 'e-1',
      type: 'view',
      user: 'u-1',
      item: 'sku-1',
      timestamp: '2026-03-01T12:00:00.000Z',
    });
  });

  it('turns stars into a rating on the 0..100 scale', () => {
    expect(buildEvent('rate', { item: 'sku-1', stars: 4 }, identity)).toMatchObject({ rating: 75 });
    expect(buildEvent('rate', { item: 'sku-1', stars: 4 }, identity)).not.toHaveProperty('stars');
  });

  it('takes a rating already on the 0..100 scale and refuses one outside it', () => {
    expect(buildEvent('rate', { item: 'sku-1', rating: 60 }, identity)).toMatchObject({
      rating: 60,
    });
    expect(() => buildEvent('rate', { item: 'sku-1', rating: 101 }, identity)).toThrow(RangeError);
    expect(() => buildEvent('rate', { item: 'sku-1' }, identity)).toThrow(TypeError);
  });

  it('defaults the quantity of a purchase to 1', () => {
    expect(
      buildEvent('buy', { item: 'sku-1', price: 9.5, currency: 'EUR' }, identity),
    ).toMatchObject({ quantity: 1, price: 9.5 });
    expect(() => buildEvent('buy', { item: 'sku-1', quantity: 0 }, identity)).toThrow(RangeError);
  });

  it('sends an impression with its items, its recommendation id and the first item', () => {
    const event = buildEvent(
      'impression',
      { items: ['a', 'b'], recommendationId: 'r-1' },
      identity,
    );
    expect(event).toMatchObject({
      type: 'impression',
      items: ['a', 'b'],
      recommendationId: 'r-1',
      item: 'a',
    });
  });

  it('needs the recommendation id on impressions and recommended clicks', () => {
    expect(() =>
      buildEvent('impression', { items: ['a'] } as unknown as TrackFields['impression'], identity),
    ).toThrow(TypeError);
    expect(() =>
      buildEvent('click_recommended', { item: 'a' } as TrackFields['click_recommended'], identity),
    ).toThrow(/recommendationId/);
  });

  it('refuses an unknown type, a missing item and an out-of-range percent', () => {
    expect(() => buildEvent('like' as 'view', { item: 'a' }, identity)).toThrow(
      /Unknown event type/,
    );
    expect(() => buildEvent('view', { item: '' }, identity)).toThrow(TypeError);
    expect(() => buildEvent('consume', { item: 'a', percent: 120 }, identity)).toThrow(RangeError);
  });

  it('passes extra fields through and keeps a caller-given timestamp', () => {
    const event = buildEvent(
      'view',
      { item: 'a', categoryPath: '/shoes', timestamp: 1_700_000_000_000, campaign: 'x' },
      identity,
    );
    expect(event).toMatchObject({
      categoryPath: '/shoes',
      timestamp: 1_700_000_000_000,
      campaign: 'x',
    });
  });
});
