import { describe, expect, it } from 'vitest';
import { createRankedPageCache } from './ranked-page-cache.js';

describe('ranked page cache', () => {
  let clock = 0;
  const setup = () => createRankedPageCache<string>({ ttlMs: 1_000, maxEntries: 2 }, () => clock);
  const loader = () => {
    let calls = 0;
    return { load: async () => `page ${++calls}`, calls: () => calls };
  };

  it('answers from memory until the page is ttlMs old', async () => {
    const cache = setup();
    const { load, calls } = loader();
    expect(await cache.read('s', 'popular', load)).toBe('page 1');
    clock += 999;
    expect(await cache.read('s', 'popular', load)).toBe('page 1');
    clock += 1;
    expect(await cache.read('s', 'popular', load)).toBe('page 2');
    expect(calls()).toBe(2);
  });

  it('forgets a site’s pages when the site changes, and only that site’s', async () => {
    const cache = setup();
    const here = loader();
    const there = loader();
    await cache.read('here', 'popular', here.load);
    await cache.read('there', 'popular', there.load);
    cache.invalidateSite('here');
    expect(await cache.read('here', 'popular', here.load)).toBe('page 2');
    expect(await cache.read('there', 'popular', there.load)).toBe('page 1');
  });

  it('does not keep a page read while its site changed', async () => {
    const cache = setup();
    const { load } = loader();
    let release!: () => void;
    const slow = cache.read('s', 'popular', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return 'stale';
    });
    cache.invalidateSite('s');
    release();
    expect(await slow).toBe('stale');
    expect(await cache.read('s', 'popular', load)).toBe('page 1');
  });

  it('keeps at most maxEntries pages, dropping the oldest', async () => {
    const cache = setup();
    for (const key of ['a', 'b', 'c']) await cache.read('s', key, async () => key);
    expect(cache.size).toBe(2);
    expect(await cache.read('s', 'a', async () => 'again')).toBe('again');
  });

  it('forgets every site on clear, including a page being read', async () => {
    const cache = setup();
    const here = loader();
    await cache.read('here', 'popular', here.load);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pending = cache.read('there', 'popular', async () => {
      await gate;
      return 'stale';
    });
    cache.clear();
    release();
    expect(await pending).toBe('stale');
    expect(await cache.read('here', 'popular', here.load)).toBe('page 2');
    const there = loader();
    expect(await cache.read('there', 'popular', there.load)).toBe('page 1');
  });
});
