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
    expect(calls()).toBe(1);
  });

  it('answers an expired page younger than twice ttlMs while one request reloads it', async () => {
    const cache = setup();
    let release!: () => void;
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls > 1) await new Promise<void>((resolve) => (release = resolve));
      return `page ${calls}`;
    };
    await cache.read('s', 'popular', load);
    clock += 1_500;
    expect(await cache.read('s', 'popular', load)).toBe('page 1');
    expect(await cache.read('s', 'popular', load)).toBe('page 1');
    expect(calls).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.read('s', 'popular', load)).toBe('page 2');
    expect(calls).toBe(2);
  });

  it('waits for the reload of a page older than twice ttlMs', async () => {
    const cache = setup();
    const { load, calls } = loader();
    await cache.read('s', 'popular', load);
    clock += 2_000;
    expect(await cache.read('s', 'popular', load)).toBe('page 2');
    expect(calls()).toBe(2);
  });

  it('keeps an expired page when its background reload fails, and tries again on the next request', async () => {
    const cache = setup();
    let fail = false;
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (fail) throw new Error('Neo4j is down');
      return `page ${calls}`;
    };
    await cache.read('s', 'popular', load);
    clock += 1_500;
    fail = true;
    expect(await cache.read('s', 'popular', load)).toBe('page 1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    fail = false;
    expect(await cache.read('s', 'popular', load)).toBe('page 1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.read('s', 'popular', load)).toBe('page 3');
  });

  it('lets concurrent requests for a missing page share one load', async () => {
    const cache = setup();
    const { load, calls } = loader();
    const pages = await Promise.all([1, 2, 3].map(() => cache.read('s', 'popular', load)));
    expect(pages).toEqual(['page 1', 'page 1', 'page 1']);
    expect(calls()).toBe(1);
  });

  it('never answers from the old page or its load once the site changed', async () => {
    const cache = setup();
    let release!: () => void;
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls === 2) await new Promise<void>((resolve) => (release = resolve));
      return `page ${calls}`;
    };
    await cache.read('s', 'popular', load);
    clock += 1_500;
    expect(await cache.read('s', 'popular', load)).toBe('page 1'); // starts reload 2
    cache.invalidateSite('s');
    expect(await cache.read('s', 'popular', load)).toBe('page 3');
    release();
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
