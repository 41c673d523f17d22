import { EventEmitter } from 'node:events';

export interface ItemRef {
  type: string;
  id: string;
}

/** A stored view: the user's VIEWED edge to the item now has a lastAt of at least `at`. */
export interface StoredView extends ItemRef {
  at: number;
}

/**
 * What changed in a site's graph, so that live lists and caches can refresh. Producers: tracking
 * (user-event), catalog (item-change), the similarity refresher (similarity), sites (site-keys).
 */
export type Change =
  | {
      kind: 'user-event';
      siteId: string;
      users: string[];
      items: ItemRef[];
      eventTypes: string[];
      /**
       * Users of `users` whose every change in this batch is a view, with those views: a cache of
       * their history may apply them instead of reading it again. Every other user is read again.
       */
      viewsOnly?: { user: string; views: StoredView[] }[];
    }
  | { kind: 'item-change'; siteId: string; items: ItemRef[]; removed: boolean }
  /** The refresher recomputed some of the site's items: popularity scores moved, and `items` are those whose SIMILAR lists changed. */
  | { kind: 'similarity'; siteId: string; items: ItemRef[] }
  | { kind: 'site-keys'; siteId: string };

export type ChangeListener = (change: Change) => void;

/** In-process by default; with REDIS_URL the live module provides one backed by Redis pub/sub. */
export interface ChangeBus {
  publish(change: Change): void;
  subscribe(listener: ChangeListener): () => void;
  /**
   * Called when changes from other instances may have been missed (the Redis connection came
   * back after an outage), so that caches built on the changes start over. Never on a local bus.
   */
  onResync(listener: () => void): () => void;
  close(): Promise<void>;
}

export function createLocalChangeBus(): ChangeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(change) {
      emitter.emit('change', change);
    },
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    onResync(listener) {
      emitter.on('resync', listener);
      return () => emitter.off('resync', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
