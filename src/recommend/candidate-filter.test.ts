import { describe, expect, it } from 'vitest';
import { itemKey, type Candidate } from './candidate.js';
import {
  categoryScope,
  isEligible,
  matchesCategoryMode,
  type EligibilityRules,
} from './candidate-filter.js';

const now = 1_000_000;
const rules: EligibilityRules = {
  now,
  availableOnly: true,
  excluded: new Set(),
  categoryMode: 'any',
  contextCategories: [],
};

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    type: 'product',
    id: 'a',
    score: 1,
    properties: {},
    categories: ['/shoes/running'],
    ...overrides,
  };
}

describe('isEligible', () => {
  it('keeps an available item and drops excluded, unavailable, not yet valid, expired and deleted ones', () => {
    expect(isEligible(candidate(), rules)).toBe(true);
    expect(
      isEligible(candidate(), { ...rules, excluded: new Set([itemKey('product', 'a')]) }),
    ).toBe(false);
    expect(isEligible(candidate({ properties: { available: false } }), rules)).toBe(false);
    expect(isEligible(candidate({ properties: { validFrom: now + 1 } }), rules)).toBe(false);
    expect(isEligible(candidate({ properties: { validTo: now } }), rules)).toBe(false);
    expect(
      isEligible(candidate({ properties: { deletedAt: 1 } }), { ...rules, availableOnly: false }),
    ).toBe(false);
  });

  it('returns unavailable items when the scenario does not ask for available ones only', () => {
    expect(
      isEligible(candidate({ properties: { available: false } }), {
        ...rules,
        availableOnly: false,
      }),
    ).toBe(true);
  });

  it('restricts item types and the request category (including its subcategories)', () => {
    expect(isEligible(candidate({ type: 'article' }), { ...rules, itemTypes: ['product'] })).toBe(
      false,
    );
    expect(isEligible(candidate(), { ...rules, category: '/shoes' })).toBe(true);
    expect(isEligible(candidate(), { ...rules, category: '/shoes/walking' })).toBe(false);
    expect(isEligible(candidate({ categories: [] }), { ...rules, category: '/shoes' })).toBe(false);
  });
});

describe('matchesCategoryMode', () => {
  it('keeps items sharing a category (same) or a top-level category (context-root) with the context', () => {
    expect(matchesCategoryMode(['/shoes/running'], 'same', ['/shoes/running'])).toBe(true);
    expect(matchesCategoryMode(['/shoes/walking'], 'same', ['/shoes/running'])).toBe(false);
    expect(matchesCategoryMode(['/shoes/walking'], 'context-root', ['/shoes/running'])).toBe(true);
    expect(matchesCategoryMode(['/bags/hiking'], 'context-root', ['/shoes/running'])).toBe(false);
  });

  it('does not restrict when the context has no categories or the mode is any', () => {
    expect(matchesCategoryMode(['/bags'], 'same', [])).toBe(true);
    expect(matchesCategoryMode([], 'any', ['/shoes'])).toBe(true);
  });
});

describe('categoryScope', () => {
  it('draws list-wide models from the request category, else from the context categories of the mode', () => {
    expect(
      categoryScope({
        category: '/bags',
        categoryMode: 'same',
        contextCategories: ['/shoes/running'],
      }),
    ).toEqual(['/bags']);
    expect(
      categoryScope({
        categoryMode: 'same',
        contextCategories: ['/shoes/running', '/shoes/running'],
      }),
    ).toEqual(['/shoes/running']);
    expect(
      categoryScope({
        categoryMode: 'context-root',
        contextCategories: ['/shoes/running', '/shoes/walking'],
      }),
    ).toEqual(['/shoes']);
    expect(categoryScope({ categoryMode: 'any', contextCategories: ['/shoes'] })).toBeNull();
  });
});
