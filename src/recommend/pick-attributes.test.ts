import { describe, expect, it } from 'vitest';
import { pickAttributes } from './pick-attributes.js';

describe('pickAttributes', () => {
  it('picks display fields, categories and custom attributes, leaving absent ones out', () => {
    const candidate = {
      properties: { title: 'A', price: 5, attr_brand: 'Acme', attr_sizes: ['41'], url: null },
      categories: ['/b', '/a'],
    };
    expect(
      pickAttributes(candidate, [
        'title',
        'price',
        'url',
        'brand',
        'sizes',
        'colour',
        'categories',
      ]),
    ).toEqual({
      title: 'A',
      price: 5,
      brand: 'Acme',
      sizes: ['41'],
      categories: ['/a', '/b'],
    });
  });
});
