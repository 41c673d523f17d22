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
 * restart. Every change is a read-modify-write of the stored list, run one at a time. Tabs sharing
 * localStorage can still overwrite each other: Chromium gives each renderer process its own copy and
 * syncs it later, so another tab may write back a list that never saw our newest event. The queue
 * therefore remembers the events it added itself until it removes them, and puts back any of them a
 * stale write dropped, unless the short list of recently sent ids (`<key>:sent`) shows that another
 * tab sent it (at worst two tabs send the same event, which the event id makes harmless).
 * If the storage fails (quota, private mode) the queue keeps working in memory.
 */
/** How many recently sent ids the queue remembers for the other tabs. */
const SENT_IDS_KEPT = 200;

export function createEventQueue<T extends { id: string }>(
  options: EventQueueOptions,
): EventQueue<T> {
  if (!Number.isInteger(options.maxSize) || options.maxSize < 1) {
    throw new RangeError('maxQueueSize must be a positive integer');
  }
  let mirror: T[] = [];
  /** Events this queue added and has not removed: another tab's stale write cannot drop them. */
  const own = new Map<string, T>();
  let storageUsable = true;
  let chain: Promise<unknown> = Promise.resolve();
  const sentKey = `${options.key}:sent`;

  function runInTurn<R>(operation: () => Promise<R>): Promise<R> {
    const result = chain.then(operation);
    chain = result.catch(() => undefined);
    return result;
  }

  /** The stored events plus any of our own that a stale write from another tab dropped. */
  async function load(): Promise<{ events: T[]; restored: boolean }> {
    if (!storageUsable) return { events: mirror, restored: false };
    let stored: T[];
    try {
      stored = parseStoredEvents<T>(await options.storage.getItem(options.key));
    } catch (error) {
      options.onStorageError?.(error);
      return { events: mirror, restored: false };
    }
    const known = new Set(stored.map((event) => event.id));
    let dropped = [...own.values()].filter((event) => !known.has(event.id));
    if (dropped.length > 0) {
      const sent = new Set(await readSentIds());
      for (const event of dropped) if (sent.has(event.id)) own.delete(event.id);
      dropped = dropped.filter((event) => !sent.has(event.id));
    }
    return {
      events: dropped.length === 0 ? stored : stored.concat(dropped),
      restored: dropped.length > 0,
    };
  }

  async function readSentIds(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse((await options.storage.getItem(sentKey)) ?? '[]');
      return Array.isArray(parsed)
        ? parsed.filter((id): id is string => typeof id === 'string')
        : [];
    } catch {
      return [];
    }
  }

  async function rememberSent(ids: Set<string>): Promise<void> {
    if (!storageUsable) return;
    try {
      const recent = (await readSentIds()).filter((id) => !ids.has(id)).concat([...ids]);
      await options.storage.setItem(sentKey, JSON.stringify(recent.slice(-SENT_IDS_KEPT)));
    } catch (error) {
      options.onStorageError?.(error);
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
        const { events, restored } = await load();
        if (restored)
          await save(events); // so that a reload finds them too
        else mirror = events;
        return mirror;
      }),
    add: (events) =>
      runInTurn(async () => {
        const { events: stored } = await load();
        const known = new Set(stored.map((event) => event.id));
        const added = events.filter((event) => !known.has(event.id));
        for (const event of added) own.set(event.id, event);
        const merged = stored.concat(added);
        const overflow = merged.length - options.maxSize;
        if (overflow > 0) {
          options.onOverflow?.(overflow);
          for (const event of merged.slice(0, overflow)) own.delete(event.id);
        }
        await save(overflow > 0 ? merged.slice(overflow) : merged);
      }),
    remove: (ids) => {
      const removed = new Set(ids);
      for (const id of removed) own.delete(id);
      // The mirror drops them at once, so a beacon fired right after a send cannot repeat them.
      mirror = mirror.filter((event) => !removed.has(event.id));
      return runInTurn(async () => {
        const { events: stored } = await load();
        await save(stored.filter((event) => !removed.has(event.id)));
        await rememberSent(removed);
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
    (entry): entry is T =>
      typeof entry === 'object' && entry !== null && typeof entry.id === 'string',
  );
}
