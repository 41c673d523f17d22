import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { validate } from '../http/validate.js';
import { toGraphItem } from './graph-item.js';
import { catalogItem } from './item-schema.js';

function fieldOf(input: unknown, prefix = ''): string | undefined {
  try {
    validate(catalogItem, input, prefix);
    return undefined;
  } catch (error) {
    return (error as AppError).field;
  }
}

describe('catalogItem', () => {
  it('accepts a full item and turns dates into epoch milliseconds', () => {
    const item = validate(catalogItem, {
      type: 'product',
      id: 42,
      title: 'Trail shoe',
      url: 'https://shop.example/p/42',
      price: 89.9,
      currency: 'EUR',
      categories: ['/shoes/running'],
      validFrom: '2026-01-01T00:00:00Z',
      validTo: 1_900_000_000_000,
      attributes: { brand: 'Acme', sizes: ['41', '42'], waterproof: true, weight: 310 },
    });
    expect(item).toMatchObject({
      id: '42',
      validFrom: Date.parse('2026-01-01T00:00:00Z'),
      validTo: 1_900_000_000_000,
    });
    expect(item.attributes).toEqual({
      brand: 'Acme',
      sizes: ['41', '42'],
      waterproof: true,
      weight: 310,
    });
  });

  it('accepts null for an optional field, which the graph item stores as absent', () => {
    const item = validate(catalogItem, { type: 'product', id: 'a', price: null, title: null });
    expect(toGraphItem('site_a', item).properties).toMatchObject({ price: null, title: null });
  });

  it('names the offending field under the batch prefix', () => {
    expect(fieldOf({ type: 'product', id: 'a', price: -1 }, 'items/12')).toBe('items/12/price');
    expect(fieldOf({ type: 'product', id: 'a', categories: ['shoes'] })).toBe('categories/0');
    expect(fieldOf({ type: 'product', id: 'a', attributes: { '1bad': 'x' } })).toBe(
      'attributes/1bad',
    );
    expect(fieldOf({ type: 'product', id: 'a', attributes: { nested: { a: 1 } } })).toBe(
      'attributes/nested',
    );
    expect(fieldOf({ type: 'pro duct', id: 'a' })).toBe('type');
    expect(fieldOf({ type: 'product', id: 'a', currency: 'eur' })).toBe('currency');
    expect(fieldOf({ type: 'product', id: 'a', url: 'javascript:alert(1)' })).toBe('url');
  });

  it('refuses unknown fields and points to attributes', () => {
    expect(() => validate(catalogItem, { type: 'product', id: 'a', colour: 'red' })).toThrow(
      /unknown field "colour".*attributes/,
    );
  });

  it('refuses a validity window that ends before it starts', () => {
    expect(fieldOf({ type: 'product', id: 'a', validFrom: 2_000, validTo: 1_000 })).toBe('validTo');
  });

  it('refuses category paths with empty segments or too many levels', () => {
    expect(fieldOf({ type: 'product', id: 'a', categories: ['/shoes//running'] })).toBe(
      'categories/0',
    );
    expect(fieldOf({ type: 'product', id: 'a', categories: ['/a/b/c/d/e/f/g/h/i/j/k'] })).toBe(
      'categories/0',
    );
    expect(
      fieldOf({ type: 'product', id: 'a', categories: ['/a/b/c/d/e/f/g/h/i/j'] }),
    ).toBeUndefined();
  });
});
