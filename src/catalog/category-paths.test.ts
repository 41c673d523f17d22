import { describe, expect, it } from 'vitest';
import { expandCategoryPaths, isWithinCategory, rootOf } from './category-paths.js';

describe('category paths', () => {
  it('expands paths into every ancestor, parents first, each once', () => {
    expect(expandCategoryPaths(['/shoes/running/trail', '/shoes/walking'])).toEqual([
      { path: '/shoes', name: 'shoes', parent: null },
      { path: '/shoes/running', name: 'running', parent: '/shoes' },
      { path: '/shoes/walking', name: 'walking', parent: '/shoes' },
      { path: '/shoes/running/trail', name: 'trail', parent: '/shoes/running' },
    ]);
  });

  it('finds the root and tells whether a path lies within a category', () => {
    expect(rootOf('/shoes/running')).toBe('/shoes');
    expect(rootOf('/shoes')).toBe('/shoes');
    expect(isWithinCategory('/shoes/running', '/shoes')).toBe(true);
    expect(isWithinCategory('/shoes', '/shoes')).toBe(true);
    expect(isWithinCategory('/shoestrings', '/shoes')).toBe(false);
  });
});
