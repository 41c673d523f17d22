import { describe, expect, it } from 'vitest';
import { toPixelEvent } from './pixel-event.js';

describe('toPixelEvent', () => {
  it('builds the event from the path and converts the numeric query fields', () => {
    const event = toPixelEvent(
      { type: 'buy', user: 'u1', itemType: 'product', item: 'sku-1' },
      {
        key: 'pk_x',
        id: '0b5e8a2c-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
        quantity: '2',
        price: '9.90',
        currency: 'EUR',
        timestamp: '1717243200000',
        unknown: 'x',
      },
    );
    expect(event).toEqual({
      type: 'buy',
      user: 'u1',
      itemType: 'product',
      item: 'sku-1',
      id: '0b5e8a2c-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
      quantity: 2,
      price: 9.9,
      currency: 'EUR',
      timestamp: 1717243200000,
    });
  });

  it('reads item-less events, item lists and ISO timestamps, and invents an id when none is given', () => {
    const event = toPixelEvent(
      { type: 'impression', user: 'u1' },
      { items: 'a,b,,c', recommendationId: 'r1', timestamp: '2025-06-01T12:00:00Z' },
    );
    expect(event).toMatchObject({
      type: 'impression',
      user: 'u1',
      items: ['a', 'b', 'c'],
      recommendationId: 'r1',
      timestamp: '2025-06-01T12:00:00Z',
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event).not.toHaveProperty('item');
  });

  it('leaves a non-numeric number as text so validation names the field', () => {
    expect(
      toPixelEvent({ type: 'rate', user: 'u', itemType: 'product', item: 'i' }, { rating: 'lots' })
        .rating,
    ).toBe('lots');
  });
});
