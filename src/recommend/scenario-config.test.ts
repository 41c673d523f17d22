import { describe, expect, it } from 'vitest';
import { validate } from '../http/validate.js';
import { DEFAULT_SCENARIOS } from './default-scenarios.js';
import { excludedRelationships, planModelChain, scenarioConfig } from './scenario-config.js';

describe('scenario configuration', () => {
  it('fills defaults for filters, limit and attributes', () => {
    expect(validate(scenarioConfig, { models: ['also_bought'] })).toEqual({
      models: ['also_bought'],
      limit: 10,
      filters: {
        excludeEventTypes: ['hide'],
        excludeContext: true,
        availableOnly: true,
        categoryMode: 'any',
      },
      attributes: ['title', 'url', 'image', 'price', 'currency'],
    });
  });

  it('names the offending field', () => {
    expect(() => validate(scenarioConfig, { models: ['also_liked'] })).toThrow(
      expect.objectContaining({ field: 'models/0' }),
    );
    expect(() => validate(scenarioConfig, { models: ['popular'], limit: 101 })).toThrow(
      expect.objectContaining({ field: 'limit' }),
    );
    expect(() =>
      validate(scenarioConfig, { models: ['popular'], filters: { categoryMode: 'near' } }),
    ).toThrow(expect.objectContaining({ field: 'filters/categoryMode' }));
    expect(() => validate(scenarioConfig, { models: [] })).toThrow(
      expect.objectContaining({ field: 'models' }),
    );
  });

  it('always ends a model chain with popular, each model once', () => {
    expect(planModelChain(['also_bought', 'also_bought', 'personalized'])).toEqual([
      'also_bought',
      'personalized',
      'popular',
    ]);
    expect(planModelChain(['popular', 'new'])).toEqual(['popular', 'new']);
  });

  it('always excludes hidden items', () => {
    expect(excludedRelationships(['buy'])).toEqual(['BOUGHT', 'HID']);
    expect(excludedRelationships([])).toEqual(['HID']);
  });

  it('has the four default scenarios of every site', () => {
    expect(Object.keys(DEFAULT_SCENARIOS).sort()).toEqual([
      'article',
      'cart',
      'home',
      'product-page',
    ]);
    expect(DEFAULT_SCENARIOS['product-page']!.models).toEqual([
      'also_bought',
      'also_viewed',
      'similar_content',
      'personalized',
      'popular',
    ]);
  });
});
