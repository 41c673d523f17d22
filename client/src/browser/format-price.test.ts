import { describe, expect, it } from 'vitest';
import { formatPrice } from './format-price.js';

describe('formatPrice', () => {
  it('writes the price with its currency the way the locale does', () => {
    expect(formatPrice(12.9, 'EUR', 'de-DE')).toBe('12,90\u00a0€');
    expect(formatPrice(12.9, 'USD', 'en-US')).toBe('$12.90');
    expect(formatPrice(1200, 'JPY', 'ja-JP')).toBe('￥1,200');
  });

  it('writes two decimals without a currency', () => {
    expect(formatPrice(5, undefined, 'en-US')).toBe('5.00');
    expect(formatPrice(5, 'not a currency', 'en-US')).toBe('5.00');
  });

  it('writes nothing for a missing or non-numeric price', () => {
    expect(formatPrice(undefined, 'EUR', 'en-US')).toBe('');
    expect(formatPrice('12', 'EUR', 'en-US')).toBe('');
  });

  it('survives an invalid locale tag', () => {
    expect(formatPrice(3, 'EUR', 'not_a_locale!')).toContain('3.00');
  });
});
