import { describe, expect, it } from 'vitest';
import { createEventQueue } from './event-queue.js';
import { createMemoryStorage, type KeyValueStorage } from './storage.js';

const event = (id: string) => ({ id, type: 'view', item: id });

/** An AsyncStorage-like store: every call answers on a later turn. */
function createAsyncStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const later = () => new Promise((resolve) => setTimeout(resolve, 1));
  return {
    entries,
    getItem: async (key) => (await later(), entries.get(key) ?? null),
    setItem: async (key, value) => void (await later(), entries.set(key, value)),
    removeItem: async (key) => void (await later(), entries.delete(key)),
  };
}

describe('createEventQueue', () => {
  it('keeps at most maxSize events, dropping the oldest and saying how many', async () => {
    const dropped: number[] = [];
    const queue = createEventQueue({
      storage: createMemoryStorage(),
      key: 'q',
      maxSize: 3,
      onOverflow: (count) => dropped.push(count),
    });
    await queue.add([event('a'), event('b')]);
    await queue.add([event('c'), event('d'), event('e')]);
    expect((await queue.read()).map((entry) => entry.id)).toEqual(['c', 'd', 'e']);
    expect(dropped).toEqual([2]);
  });

  it.each([
    ['a synchronous storage (localStorage)', createMemoryStorage],
    ['an asynchronous storage (AsyncStorage)', createAsyncStorage],
  ])(
    'survives a reload over %s: a new queue finds the unsent events',
    async (_name, makeStorage) => {
      const storage = makeStorage();
      const before = createEventQueue({ storage, key: 'q', maxSize: 10 });
      await before.add([event('a'), event('b')]);
      await before.remove(['a']);

      const after = createEventQueue<{ id: string }>({ storage, key: 'q', maxSize: 10 });
      expect((await after.read()).map((entry) => entry.id)).toEqual(['b']);
    },
  );

  it('does not lose events when two tabs share the same storage', async () => {
    const storage = createMemoryStorage();
    const tabA = createEventQueue({ storage, key: 'q', maxSize: 10 });
    const tabB = createEventQueue({ storage, key: 'q', maxSize: 10 });
    await Promise.all([tabA.add([event('a1')]), tabB.add([event('b1')]), tabA.add([event('a2')])]);
    await tabB.remove(['a1']);
    expect((await tabA.read()).map((entry) => entry.id).sort()).toEqual(['a2', 'b1']);
  });

  it('puts back its own events when another tab writes a stale copy of the queue (Chromium syncs localStorage between processes late)', async () => {
    const storage = createMemoryStorage();
    const tabA = createEventQueue({ storage, key: 'q', maxSize: 10 });
    const tabB = createEventQueue({ storage, key: 'q', maxSize: 10 });
    await tabB.add([event('b1')]);
    const staleCopy = storage.entries.get('q')!;
    await tabA.add([event('a1')]);
    storage.entries.set('q', staleCopy); // tab B's renderer had not seen a1 yet when it wrote
    expect((await tabA.read()).map((entry) => entry.id).sort()).toEqual(['a1', 'b1']);
    expect(
      JSON.parse(storage.entries.get('q')!)
        .map((entry: { id: string }) => entry.id)
        .sort(),
    ).toEqual(['a1', 'b1']);
    await tabA.remove(['a1']);
    storage.entries.set('q', JSON.stringify([event('a1'), event('b1')])); // stale again, after the send
    await tabB.remove(['a1']); // tab B also sent it (a harmless duplicate) and drops it for good
    expect((await tabA.read()).map((entry) => entry.id)).toEqual(['b1']);
  });

  it('adds an event id only once', async () => {
    const queue = createEventQueue({ storage: createMemoryStorage(), key: 'q', maxSize: 10 });
    await queue.add([event('a')]);
    await queue.add([event('a'), event('b')]);
    expect((await queue.read()).map((entry) => entry.id)).toEqual(['a', 'b']);
  });

  it('removes the storage key once the queue is empty', async () => {
    const storage = createMemoryStorage();
    const queue = createEventQueue({ storage, key: 'q', maxSize: 10 });
    await queue.add([event('a')]);
    expect(storage.entries.has('q')).toBe(true);
    await queue.remove(['a']);
    expect(storage.entries.has('q')).toBe(false);
  });

  it('drops removed events from the synchronous snapshot at once', async () => {
    const queue = createEventQueue({ storage: createMemoryStorage(), key: 'q', maxSize: 10 });
    await queue.add([event('a'), event('b')]);
    void queue.remove(['a']);
    expect(queue.snapshot().map((entry) => entry.id)).toEqual(['b']);
  });

  it('starts empty from a corrupt stored queue instead of failing', async () => {
    const storage = createMemoryStorage({ q: '{not json' });
    const queue = createEventQueue({ storage, key: 'q', maxSize: 10 });
    await queue.add([event('a')]);
    expect((await queue.read()).map((entry) => entry.id)).toEqual(['a']);
  });

  it('keeps working in memory when the storage refuses writes (quota, private mode)', async () => {
    const errors: unknown[] = [];
    const storage: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const queue = createEventQueue({
      storage,
      key: 'q',
      maxSize: 10,
      onStorageError: (error) => errors.push(error),
    });
    await queue.add([event('a')]);
    await queue.add([event('b')]);
    expect((await queue.read()).map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() =>
      createEventQueue({ storage: createMemoryStorage(), key: 'q', maxSize: 0 }),
    ).toThrow(RangeError);
  });
});
