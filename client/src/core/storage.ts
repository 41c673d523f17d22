/**
 * The one storage contract the SDK needs. `localStorage` satisfies it synchronously; React Native's
 * AsyncStorage (and any other async key-value store) satisfies it with promises.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

export type MaybePromise<T> = T | Promise<T>;

export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Runs `next` on a value that may or may not be a promise, staying synchronous when it is not. */
export function thenMaybe<T, R>(value: MaybePromise<T>, next: (value: T) => R): MaybePromise<R> {
  return isPromiseLike(value) ? value.then(next) : next(value);
}

/** A storage that lives as long as the process: the default outside browsers, and for tests. */
export function createMemoryStorage(initial: Record<string, string> = {}): KeyValueStorage & {
  readonly entries: Map<string, string>;
} {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}
