import { describe, expect, it } from 'vitest';
import { createRecommendationCache } from './recommendation-cache.js';

function setup(settings = { maxEntries: 10, ttlMs: 1_000, maxTrackedUsers: 10 }) {
  let clock = 0;
  const cache = createRecommendationCache<string>(settings, () => clock);
  const store = (key: string, user: string | null, siteId = 's') =>
    cache.set(key, key, { siteId, user, sequence: cache.begin() });
  return { cache, store, advance: (ms: number) => (clock += ms) };
}

describe('recommendation cache', () => {
  it('keeps an answer until its TTL', () => {
    const { cache, store, advance } = setup();
    store('a', null);
    expect(cache.get('a')).toBe('a');
    advance(1_000);
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops a user answers on that user event only', () => {
    const { cache, store } = setup();
    store('mine', 'u1');
    store('theirs', 'u2');
    store('anonymous', null);
    cache.observe({
      kind: 'user-event',
      siteId: 's',
      users: ['u1'],
      items: [],
      eventTypes: ['view'],
    });
    expect([cache.get('mine'), cache.get('theirs'), cache.get('anonymous')]).toEqual([
      undefined,
      'theirs',
      'anonymous',
    ]);
  });

  it('drops every answer of a site on an item or similarity change, and only of that site', () => {
    const { cache, store } = setup();
    store('here', 'u1');
    store('elsewhere', null, 'other');
    cache.observe({ kind: 'similarity', siteId: 's', items: [] });
    expect(cache.get('here')).toBeUndefined();
    expect(cache.get('elsewhere')).toBe('elsewhere');
    store('here', null);
    cache.observe({ kind: 'item-change', siteId: 's', items: [], removed: true });
    expect(cache.get('here')).toBeUndefined();
  });

  it('does not keep an answer computed while a change arrived', () => {
    const { cache } = setup();
    const sequence = cache.begin();
    cache.observe({
      kind: 'user-event',
      siteId: 's',
      users: ['u1'],
      items: [],
      eventTypes: ['view'],
    });
    cache.set('late', 'late', { siteId: 's', user: 'u1', sequence });
    expect(cache.get('late')).toBeUndefined();
  });

  it('stays correct when it forgets old user events: their site answers go instead', () => {
    const { cache, store } = setup({ maxEntries: 10, ttlMs: 1_000, maxTrackedUsers: 1 });
    cache.observe({
      kind: 'user-event',
      siteId: 's',
      users: ['u1'],
      items: [],
      eventTypes: ['view'],
    });
    store('old', 'u2');
    cache.observe({
      kind: 'user-event',
      siteId: 's',
      users: ['u2'],
      items: [],
      eventTypes: ['view'],
    });
    cache.observe({
      kind: 'user-event',
      siteId: 's',
      users: ['u3'],
      items: [],
      eventTypes: ['view'],
    });
    expect(cache.get('old')).toBeUndefined();
  });

  it('lets go of expired answers nobody asks for again', () => {
    const { cache, store, advance } = setup();
    store('a', null);
    store('b', null);
    advance(600);
    store('c', null);
    advance(600); // a and b have expired, c has not
    store('d', null);
    expect(cache.size).toBe(2);
    expect(cache.get('c')).toBe('c');
    expect(cache.get('d')).toBe('d');
  });

  it('holds at most maxEntries answers', () => {
    const { cache, store } = setup({ maxEntries: 2, ttlMs: 1_000, maxTrackedUsers: 10 });
    store('a', null);
    store('b', null);
    store('c', null);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops every answer on clear, and does not keep one computed meanwhile', () => {
    const { cache, store } = setup();
    store('a', null);
    store('b', 'u1', 'other');
    const sequence = cache.begin();
    cache.clear();
    cache.set('late', 'late', { siteId: 's', user: null, sequence });
    expect([cache.get('a'), cache.get('b'), cache.get('late')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    store('after', null);
    expect(cache.get('after')).toBe('after');
  });

  it('patches a user entries in place on update, and they stay valid', () => {
    const { cache, store } = setup();
    store('mine', 'u1');
    store('also mine', 'u1');
    store('theirs', 'u2');
    cache.update('s', 'u1', (value) => (value === 'mine' ? `${value}+view` : undefined));
    expect([cache.get('mine'), cache.get('also mine'), cache.get('theirs')]).toEqual([
      'mine+view',
      undefined,
      'theirs',
    ]);
  });

  it('does not bring back on update an entry already invalid, nor keep one computed meanwhile', () => {
    const { cache, store } = setup();
    store('stale', 'u1');
    cache.observe({ kind: 'similarity', siteId: 's', items: [] });
    const inFlight = cache.begin();
    cache.update('s', 'u1', (value) => `${value}+view`);
    expect(cache.get('stale')).toBeUndefined();
    cache.set('computing', 'computing', { siteId: 's', user: 'u1', sequence: inFlight });
    expect(cache.get('computing')).toBeUndefined();
    store('later', 'u1');
    cache.update('s', 'u1', (value) => `${value}+view`);
    expect(cache.get('later')).toBe('later+view');
  });

  it('forgets a user entries evicted or expired, so update patches only what is kept', () => {
    const { cache, store, advance } = setup({ maxEntries: 1, ttlMs: 1_000, maxTrackedUsers: 10 });
    const patched: string[] = [];
    store('first', 'u1');
    store('second', 'u1'); // evicts first
    cache.update('s', 'u1', (value) => (patched.push(value), value));
    expect(patched).toEqual(['second']);
    advance(1_000);
    cache.update('s', 'u1', (value) => (patched.push(value), value));
    expect(patched).toEqual(['second']);
  });
});
