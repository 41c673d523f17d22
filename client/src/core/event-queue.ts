import type { KeyValueStorage } from './storage.js';

export interface EventQueueOptions {
  storage: KeyValueStorage;
  /** Storage key holding the queue as a JSON array. */
  key: string;
  /** The queue never holds more than this many events; the oldest are dropped first. */
  maxSize: number;
  onOverflow?: (droppedCount: number) => void;
  onStorageError?: (error: unknown) => void;
}

export interface EventQueue<T extends { id: string }> {
  /** The events as of the last operation, synchronously (for the pagehide beacon). */
  snapshot(): readonly T[];
  /** The events as stored now (another tab sharing the storage may have changed them). */
  read(): Promise<readonly T[]>;
  add(events: readonly T[]): Promise<void>;
  remove(ids: Iterable<string>): Promise<void>;
}

/**
 * A bounded queue persisted in a key-value storage, so unsent events survive a reload or an app
 * restart. Every change is a read-modify-write of the stored list, run one at a time, so tabs sharing
 * localStorage do not overwrite each other's events (at worst two tabs send the same event, which
 * the event id makes harmless). If the storage fails (quota, private mode) the queue keeps working
 * in memory.
 */
export function createEventQueue<T extends { id: string }>(options: EventQueueOptions): EventQueue<T> {
  if (!Number.isInteger(options.maxSize) || options.maxSize < 1) {
    throw new RangeError('maxQueueSize must be a positive integer');
  }
  let mirror: T[] = [];
  let storageUsable = true;
  let chain: Promise<unknown> = Promise.resolve();

  function runInTurn<R>(operation: () => Promise<R>): Promise<R> {
    const result = chain.then(operation);
    chain = result.catch(() => undefined);
    return result;
  }

  async function load(): Promise<T[]> {
    if (!storageUsable) return mirror;
    try {
      return parseStoredEvents<T>(await options.storage.getItem(options.key));
    } catch (error) {
      options.onStorageError?.(error);
      return mirror;
    }
  }

  async function save(events: T[]): Promise<void> {
    mirror = events;
    try {
      if (events.length === 0) await options.storage.removeItem(options.key);
      else await options.storage.setItem(options.key, JSON.stringify(events));
      storageUsable = true;
    } catch (error) {
      storageUsable = false;
      options.onStorageError?.(error);
    }
  }

  return {
    snapshot: () => mirror,
    read: () =>
      runInTurn(async () => {
        mirror = await load();
        return mirror;
      }),
    add: (events) =>
      runInTurn(async () => {
        const stored = await load();
        const known = new Set(stored.map((event) => event.id));
        const merged = stored.concat(events.filter((event) => !known.has(event.id)));
        const overflow = merged.length - options.maxSize;
        if (overflow > 0) options.onOverflow?.(overflow);
        await save(overflow > 0 ? merged.slice(overflow) : merged);
      }),
    remove: (ids) => {
      const removed = new Set(ids);
      // The mirror drops them at once, so a beacon fired right after a send cannot repeat them.
      mirror = mirror.filter((event) => !removed.has(event.id));
      return runInTurn(async () => {
        const stored = await load();
        await save(stored.filter((event) => !removed.has(event.id)));
      });
    },
  };
}

function parseStoredEvents<T extends { id: string }>(raw: string | null | undefined): T[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return []; // a corrupt queue is discarded rather than blocking tracking forever
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (entry): entry is T => typeof entry === 'object' && entry !== null && typeof entry.id === 'string',
  );
}
