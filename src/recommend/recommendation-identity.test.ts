import { describe, expect, it } from 'vitest';
import {
  computeEtag,
  deriveRecommendationId,
  matchesIfNoneMatch,
  scenarioOfRecommendation,
} from './recommendation-identity.js';

const items = [
  { type: 'product', id: 'a', attributes: { price: 5 } },
  { type: 'product', id: 'b', attributes: {} },
];

describe('recommendation identity', () => {
  it('gives the same ETag to the same ranked list and another one when order or shown attributes change', () => {
    expect(computeEtag(items)).toBe(computeEtag(items.map((item) => ({ ...item }))));
    expect(computeEtag([...items].reverse())).not.toBe(computeEtag(items));
    expect(computeEtag([{ ...items[0]!, attributes: { price: 6 } }, items[1]!])).not.toBe(
      computeEtag(items),
    );
  });

  it('matches If-None-Match lists, weak validators and the wildcard', () => {
    const etag = computeEtag(items);
    expect(matchesIfNoneMatch(`"other", W/${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
  });

  it('derives a stable version-8 UUID from the request and the list', () => {
    const parts = { siteId: 's', scenario: 'home', user: 'u1', context: [], items };
    const id = deriveRecommendationId(parts);
    expect(id).toMatch(
      /^home\.[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(deriveRecommendationId({ ...parts })).toBe(id);
    expect(deriveRecommendationId({ ...parts, user: 'u2' })).not.toBe(id);
    expect(deriveRecommendationId({ ...parts, items: [items[1]!] })).not.toBe(id);
  });
  it('reads the scenario back from an id it derived, and nothing from a foreign id', () => {
    const id = deriveRecommendationId({
      siteId: 's',
      scenario: 'product-page_2',
      user: null,
      context: ['a'],
      items,
    });
    expect(scenarioOfRecommendation(id)).toBe('product-page_2');
    expect(scenarioOfRecommendation('rec-1')).toBeNull();
    expect(scenarioOfRecommendation(`x.${id}`)).toBeNull();
    expect(scenarioOfRecommendation(id.slice(0, -1))).toBeNull();
    expect(scenarioOfRecommendation(`-bad.${id.split('.')[1]}`)).toBeNull();
  });
});
