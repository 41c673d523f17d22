import { createUuid } from './ids.js';
import { thenMaybe, type KeyValueStorage, type MaybePromise } from './storage.js';

export interface Identity {
  /** Resolves once the stored ids are read (at once with a synchronous storage like localStorage). */
  readonly ready: Promise<void>;
  anonymousId(): string | undefined;
  knownUserId(): string | undefined;
  /** The id events are tracked under: the known id after login, else the anonymous id. */
  currentUser(): string | undefined;
  setKnownUser(knownUserId: string): Promise<void>;
  /** Forgets the known user and starts a fresh anonymous id (a shared device's next visitor). */
  reset(): Promise<void>;
}

/**
 * The visitor's ids, persisted: an anonymous id made on first use, and the known id once the
 * application calls login. With localStorage everything here happens synchronously, so the first
 * `rg.user()` already answers.
 */
export function createIdentity(storage: KeyValueStorage, prefix: string): Identity {
  const anonymousKey = `${prefix}anonymous-id`;
  const knownKey = `${prefix}known-user`;
  let anonymous: string | undefined;
  let known: string | undefined;

  function persist(key: string, value: string | undefined): Promise<void> {
    try {
      const written = value === undefined ? storage.removeItem(key) : storage.setItem(key, value);
      return Promise.resolve(written).catch(() => undefined);
    } catch {
      return Promise.resolve(); // storage full or forbidden: the ids still work for this session
    }
  }

  function readStored(key: string): MaybePromise<string | undefined> {
    try {
      return thenMaybe(storage.getItem(key), (value) => value ?? undefined);
    } catch {
      return undefined;
    }
  }

  const loaded = thenMaybe(readStored(anonymousKey), (storedAnonymous) =>
    thenMaybe(readStored(knownKey), (storedKnown) => {
      known = storedKnown;
      anonymous = storedAnonymous;
      if (!anonymous) {
        anonymous = createUuid();
        return persist(anonymousKey, anonymous);
      }
    }),
  );

  return {
    ready: Promise.resolve(loaded).then(
      () => undefined,
      () => void (anonymous ??= createUuid()),
    ),
    anonymousId: () => anonymous,
    knownUserId: () => known,
    currentUser: () => known ?? anonymous,
    setKnownUser(knownUserId) {
      known = knownUserId;
      return persist(knownKey, knownUserId);
    },
    async reset() {
      known = undefined;
      anonymous = createUuid();
      await Promise.all([persist(knownKey, undefined), persist(anonymousKey, anonymous)]);
    },
  };
}
