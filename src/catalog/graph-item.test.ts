import { describe, expect, it } from 'vitest';
import { isItemListed, toApiItem, toGraphItem } from './graph-item.js';

describe('graph items', () => {
  it('stores absent catalogue fields as null so that an upsert removes them', () => {
    const graph = toGraphItem('site_a', {
      type: 'product',
      id: 'a',
      title: 'A',
      attributes: { brand: 'Acme' },
    });
    expect(graph.properties).toMatchObject({
      title: 'A',
      price: null,
      url: null,
      available: true,
      validFrom: null,
    });
    expect(graph.attributes).toEqual({ attr_brand: 'Acme' });
    expect(graph.properties.contentTokens).toMatch(/_a_brand_acme$/);
  });

  it('shows an item with its attributes, categories and ISO dates', () => {
    const item = toApiItem(
      {
        type: 'product',
        id: 'a',
        title: 'A',
        price: 5,
        attr_brand: 'Acme',
        available: false,
        validTo: 0,
        createdAt: 0,
        contentTokens: 'x',
        similarityDirtyAt: 1,
      },
      ['/b', '/a'],
    );
    expect(item).toEqual({
      type: 'product',
      id: 'a',
      title: 'A',
      price: 5,
      categories: ['/a', '/b'],
      available: false,
      validTo: '1970-01-01T00:00:00.000Z',
      attributes: { brand: 'Acme' },
      createdAt: '1970-01-01T00:00:00.000Z',
    });
  });

  it('lists an item only while available, valid and not deleted', () => {
    expect(isItemListed({}, 100)).toBe(true);
    expect(isItemListed({ available: false }, 100)).toBe(false);
    expect(isItemListed({ validFrom: 101 }, 100)).toBe(false);
    expect(isItemListed({ validTo: 100 }, 100)).toBe(false);
    expect(isItemListed({ validFrom: 50, validTo: 150 }, 100)).toBe(true);
    expect(isItemListed({ deletedAt: 1 }, 100)).toBe(false);
  });
});
