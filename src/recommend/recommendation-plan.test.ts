import { describe, expect, it } from 'vitest';
import { itemKey } from './candidate.js';
import { DEFAULT_SCENARIOS } from './default-scenarios.js';
import { fetchLimitFor, planRecommendation } from './recommendation-plan.js';
import type { Scenario } from './scenario-config.js';

const productPage: Scenario = {
  id: 'product-page',
  ...DEFAULT_SCENARIOS['product-page']!,
  builtIn: true,
  updatedAt: null,
};

describe('planRecommendation', () => {
  it('types the context and exclude ids, excludes the context and applies the request overrides', () => {
    const plan = planRecommendation(productPage, {
      scenario: 'product-page',
      context: ['a', 'a', 'b'],
      exclude: ['c'],
      limit: 3,
      attributes: ['title'],
      user: 'u1',
    });
    expect(plan.context).toEqual([
      { type: 'product', id: 'a' },
      { type: 'product', id: 'b' },
    ]);
    expect([...plan.excluded].sort()).toEqual(
      [itemKey('product', 'a'), itemKey('product', 'b'), itemKey('product', 'c')].sort(),
    );
    expect(plan).toMatchObject({
      limit: 3,
      attributes: ['title'],
      user: 'u1',
      excludedRelationships: ['BOUGHT', 'HID'],
    });
  });

  it('keeps the context eligible when the scenario does not exclude it, and uses the scenario item type', () => {
    const scenario: Scenario = {
      ...productPage,
      filters: { ...productPage.filters, excludeContext: false, itemTypes: ['article'] },
    };
    const plan = planRecommendation(scenario, { scenario: 'x', context: ['a'] });
    expect(plan.context).toEqual([{ type: 'article', id: 'a' }]);
    expect(plan.excluded.size).toBe(0);
    expect(plan.limit).toBe(6);
  });

  it('asks models for more candidates than missing, within a bound', () => {
    expect(fetchLimitFor(6, 0, 1)).toBe(23);
    expect(fetchLimitFor(100, 100, 200)).toBe(500);
  });
});
