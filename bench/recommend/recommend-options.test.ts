import { describe, expect, it } from 'vitest';
import { parseRates, parseRecommendBenchOptions } from './recommend-options.js';

describe('parseRecommendBenchOptions', () => {
  it('defaults to the 1M-interaction graph and the target rates', () => {
    expect(parseRecommendBenchOptions([])).toMatchObject({
      users: 100_000,
      items: 10_000,
      interactions: 1_000_000,
      duration: 30,
      warmup: 120,
      rates: { also_bought: 500, personalized: 200, popular: 500 },
      reuse: false,
    });
  });

  it('takes a smaller graph and a shorter run for quick checks', () => {
    const options = parseRecommendBenchOptions([
      '--users',
      '1000',
      '--items',
      '500',
      '--interactions',
      '20000',
      '--duration',
      '5',
      '--reuse',
    ]);
    expect(options).toMatchObject({
      users: 1000,
      items: 500,
      interactions: 20_000,
      duration: 5,
      reuse: true,
    });
  });

  it('refuses items that do not divide into the categories, and --url without a token', () => {
    expect(() => parseRecommendBenchOptions(['--items', '1050'])).toThrow(/multiple/);
    expect(() => parseRecommendBenchOptions(['--url', 'http://127.0.0.1:8080'])).toThrow(
      /--admin-token/,
    );
  });
});

describe('parseRates', () => {
  it('overrides some models and can skip one with 0', () => {
    expect(parseRates('personalized=50,popular=0')).toEqual({
      also_bought: 500,
      personalized: 50,
      popular: 0,
    });
    expect(() => parseRates('trending=5')).toThrow(/unknown model/);
  });
});
