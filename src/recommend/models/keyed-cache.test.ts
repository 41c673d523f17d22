import { describe, expect, it } from 'vitest';
import { createKeyedCache } from './keyed-cache.js';

describe('keyed cache', () => {
  let clock = 0;
  const setup = (maxWeight = 100) =>
    createKeyedCache<string[]>(
      { ttlMs: 1_000, maxWeight },
      (list) => list.length + 1,
      () => clock,
    );
  /** A loader answering `<key>!` lists for every key but "absent", recording each batch. */
  const loader = () => {
    const batches: string[][] = [];
    const load = async (keys: string[]) => {
      batches.push(keys);
      return new Map(keys.filter((key) => key !== 'absent').map((key) => [key, [`${key}!`]]));
    };
    return { load, batches };
  };

  /** A loader that answers `value` for every key once `release()` is called. */
  const gatedLoader = (value: string[]) => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async (keys: string[]) => {
      await gate;
      return new Map(keys.map((key) => [key, value]));
    };
    return { load, release: () => release() };
  };

  it('loads all missing keys in one batch and answers later requests from memory', async () => {
    const cache = setup();
    const { load, batches } = loader();
    expect(await cache.getMany(['a', 'b', 'a'], load)).toEqual(
      new Map([
        ['a', ['a!']],
        ['b', ['b!']],
      ]),
    );
    expect(await cache.getMany(['b', 'c'], load)).toEqual(
      new Map([
        ['b', ['b!']],
        ['c', ['c!']],
      ]),
    );
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(cache.stats()).toMatchObject({ entries: 3, hits: 1, misses: 3 });
  });

  it('leaves out keys the loader does not return and asks for them again next time', async () => {
    const cache = setup();
    const { load, batches } = loader();
    expect([...(await cache.getMany(['absent', 'a'], load)).keys()]).toEqual(['a']);
    await cache.getMany(['absent'], load);
    expect(batches).toEqual([['absent', 'a'], ['absent']]);
  });

  it('reloads a key once it is ttlMs old', async () => {
    const cache = setup();
    const { load, batches } = loader();
    await cache.getMany(['a'], load);
    clock += 999;
    await cache.getMany(['a'], load);
    clock += 1;
    await cache.getMany(['a'], load);
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('reloads a key sooner when its value asks for a shorter TTL', async () => {
    const cache = createKeyedCache<string[]>(
      { ttlMs: 1_000, maxWeight: 100 },
      (list) => list.length + 1,
      () => clock,
      (list) => (list.length === 0 ? 100 : 5_000),
    );
    const batches: string[][] = [];
    const load = async (keys: string[]) => {
      batches.push(keys);
      return new Map(keys.map((key) => [key, key === 'empty' ? [] : [`${key}!`]]));
    };
    await cache.getMany(['empty', 'full'], load);
    clock += 100;
    await cache.getMany(['empty', 'full'], load);
    clock += 900; // a longer TTL than the cache's own is not honoured
    await cache.getMany(['full'], load);
    expect(batches).toEqual([['empty', 'full'], ['empty'], ['full']]);
  });

  it('reloads an invalidated key', async () => {
    const cache = setup();
    const { load, batches } = loader();
    await cache.getMany(['a', 'b'], load);
    cache.invalidate('a');
    await cache.getMany(['a', 'b'], load);
    expect(batches).toEqual([['a', 'b'], ['a']]);
  });

  it('shares one load between concurrent requests for the same key', async () => {
    const cache = setup();
    const { load, batches } = loader();
    const [first, second] = await Promise.all([
      cache.getMany(['a', 'b'], load),
      cache.getMany(['b', 'c'], load),
    ]);
    expect(first.get('b')).toEqual(['b!']);
    expect(second.get('b')).toEqual(['b!']);
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('does not keep a value whose key was invalidated while it loaded', async () => {
    const cache = setup();
    const { load: slow, release } = gatedLoader(['old']);
    const pending = cache.getMany(['a'], slow);
    cache.invalidate('a');
    release();
    expect((await pending).get('a')).toEqual(['old']); // the request still gets its answer
    const { load } = loader();
    expect((await cache.getMany(['a'], load)).get('a')).toEqual(['a!']);
  });

  it('does not let a request made after an invalidation share the load it overtook', async () => {
    const cache = setup();
    const { load: slow, release } = gatedLoader(['old']);
    const before = cache.getMany(['a'], slow);
    cache.invalidate('a');
    const { load, batches } = loader();
    const after = cache.getMany(['a'], load);
    release();
    expect((await before).get('a')).toEqual(['old']);
    expect((await after).get('a')).toEqual(['a!']);
    expect(batches).toEqual([['a']]);
  });

  it('drops the least recently used entries past maxWeight', async () => {
    const cache = setup(6); // each entry weighs 2
    const { load, batches } = loader();
    await cache.getMany(['a', 'b', 'c'], load);
    await cache.getMany(['a'], load); // a is now the most recent
    await cache.getMany(['d'], load); // b leaves
    expect(cache.stats()).toMatchObject({ entries: 3, weight: 6 });
    await cache.getMany(['a', 'c', 'd'], load);
    await cache.getMany(['b'], load);
    expect(batches).toEqual([['a', 'b', 'c'], ['d'], ['b']]);
  });

  it('fails every request waiting on a load that failed, and keeps nothing', async () => {
    const cache = setup();
    let fail: (error: Error) => void = () => {};
    const failing = () => new Promise<Map<string, string[]>>((_, reject) => (fail = reject));
    const first = cache.getMany(['a'], failing);
    const second = cache.getMany(['a'], failing);
    fail(new Error('Neo4j unavailable'));
    await expect(first).rejects.toThrow('Neo4j unavailable');
    await expect(second).rejects.toThrow('Neo4j unavailable');
    const { load, batches } = loader();
    await cache.getMany(['a'], load);
    expect(batches).toEqual([['a']]);
  });

  it('keeps nothing when ttlMs is 0, but still loads', async () => {
    const cache = createKeyedCache<string[]>({ ttlMs: 0, maxWeight: 100 }, () => 1);
    const { load, batches } = loader();
    await cache.getMany(['a'], load);
    expect((await cache.getMany(['a'], load)).get('a')).toEqual(['a!']);
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('forgets everything on clear, including a load under way', async () => {
    const cache = setup();
    const { load, batches } = loader();
    await cache.getMany(['a'], load);
    const gated = gatedLoader(['old']);
    const pending = cache.getMany(['b'], gated.load);
    cache.clear();
    gated.release();
    await pending;
    await cache.getMany(['a', 'b'], load);
    expect(batches).toEqual([['a'], ['a', 'b']]);
    expect(cache.stats()).toMatchObject({ entries: 2, weight: 4 });
  });
});
