import { describe, expect, it } from 'vitest';
import { itemKey } from '../candidate.js';
import { MODEL_DEFAULTS } from './model.js';
import { withViews, type CachedProfile } from './user-profile.js';

const entry = (id: string, relationship: string, lastAt: number) => ({
  type: 'product',
  id,
  relationship,
  lastAt,
  rating: null,
  percent: null,
  quantity: null,
});
const view = (id: string, at: number) => ({ type: 'product', id, at });

function profile(overrides: Partial<CachedProfile> = {}): CachedProfile {
  return {
    history: [entry('A', 'VIEWED', 300), entry('B', 'BOUGHT', 200), entry('C', 'VIEWED', 100)],
    excluded: new Set([itemKey('product', 'B')]),
    withHistory: true,
    excludesViews: false,
    ...overrides,
  };
}

describe('a cached profile patched with stored views', () => {
  it('adds a new view, moves an existing view later but never earlier, newest first', () => {
    const patched = withViews(profile(), [view('D', 250), view('C', 400), view('A', 50)]);
    expect(patched.history.map((e) => [e.id, e.relationship, e.lastAt])).toEqual([
      ['C', 'VIEWED', 400],
      ['A', 'VIEWED', 300],
      ['D', 'VIEWED', 250],
      ['B', 'BOUGHT', 200],
    ]);
    expect(patched.excluded).toEqual(new Set([itemKey('product', 'B')]));
  });

  it('keeps a view of a bought item beside the purchase', () => {
    const patched = withViews(profile(), [view('B', 500)]);
    expect(patched.history.map((e) => [e.id, e.relationship])).toEqual([
      ['B', 'VIEWED'],
      ['A', 'VIEWED'],
      ['B', 'BOUGHT'],
      ['C', 'VIEWED'],
    ]);
  });

  it('keeps the history to the most recent historyLimit entries', () => {
    const full = Array.from({ length: MODEL_DEFAULTS.historyLimit }, (_, n) =>
      entry(`I${n}`, 'VIEWED', 1_000 - n),
    );
    const patched = withViews(profile({ history: full }), [view('new', 2_000), view('ancient', 1)]);
    expect(patched.history).toHaveLength(MODEL_DEFAULTS.historyLimit);
    expect(patched.history[0]!.id).toBe('new');
    expect(patched.history.some((e) => e.id === 'ancient')).toBe(false);
  });

  it('excludes a viewed item where views exclude, giving the list up past excludedLimit', () => {
    expect(withViews(profile({ excludesViews: true }), [view('D', 1)]).excluded).toEqual(
      new Set([itemKey('product', 'B'), itemKey('product', 'D')]),
    );
    const many = new Set(
      Array.from({ length: MODEL_DEFAULTS.excludedLimit }, (_, n) => itemKey('product', `X${n}`)),
    );
    expect(
      withViews(profile({ excludesViews: true, excluded: many }), [view('D', 1)]).excluded,
    ).toBeNull();
    expect(
      withViews(profile({ excludesViews: true, excluded: null }), [view('D', 1)]).excluded,
    ).toBeNull();
  });

  it('leaves a profile read without history without one', () => {
    expect(withViews(profile({ history: [], withHistory: false }), [view('D', 1)]).history).toEqual(
      [],
    );
  });
});
