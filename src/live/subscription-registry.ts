/** What the registry needs to know of a subscription. */
export interface Registrable {
  siteId: string;
}

interface SiteIndex<S> {
  byUser: Map<string, Set<S>>;
  byItem: Map<string, Set<S>>;
  count: number;
}

interface Entry {
  siteId: string;
  users: Set<string>;
  items: Set<string>;
}

export interface SubscriptionRegistry<S extends Registrable> {
  add(subscription: S, users: Iterable<string>, items: Iterable<string>): void;
  remove(subscription: S): void;
  /** Replaces the item ids a subscription is found by (its context, list items and their reasons). */
  setItems(subscription: S, items: Iterable<string>): void;
  /** Adds user ids a subscription is also found by (a login makes the known id follow the anonymous one). */
  addUsers(subscription: S, users: Iterable<string>): void;
  findByUsers(siteId: string, users: Iterable<string>): Set<S>;
  findByItems(siteId: string, itemIds: Iterable<string>): Set<S>;
  count(siteId?: string): number;
}

/**
 * Open subscriptions indexed by site → user and site → item id, so that a change finds the
 * subscriptions it affects without scanning all of them, and never those of another site.
 * Items are indexed by id alone: an id shared by two item types only costs a recompute.
 */
export function createSubscriptionRegistry<S extends Registrable>(): SubscriptionRegistry<S> {
  const sites = new Map<string, SiteIndex<S>>();
  const entries = new Map<S, Entry>();

  function siteIndex(siteId: string): SiteIndex<S> {
    let index = sites.get(siteId);
    if (!index) {
      index = { byUser: new Map(), byItem: new Map(), count: 0 };
      sites.set(siteId, index);
    }
    return index;
  }

  function link(map: Map<string, Set<S>>, key: string, subscription: S): void {
    const set = map.get(key);
    if (set) set.add(subscription);
    else map.set(key, new Set([subscription]));
  }

  function unlink(map: Map<string, Set<S>>, key: string, subscription: S): void {
    const set = map.get(key);
    if (!set) return;
    set.delete(subscription);
    if (set.size === 0) map.delete(key);
  }

  function find(map: Map<string, Set<S>> | undefined, keys: Iterable<string>): Set<S> {
    const found = new Set<S>();
    if (!map) return found;
    for (const key of keys) for (const subscription of map.get(key) ?? []) found.add(subscription);
    return found;
  }

  return {
    add(subscription, users, items) {
      if (entries.has(subscription)) throw new Error('subscription already registered');
      const index = siteIndex(subscription.siteId);
      const entry: Entry = { siteId: subscription.siteId, users: new Set(users), items: new Set(items) };
      entries.set(subscription, entry);
      index.count += 1;
      for (const user of entry.users) link(index.byUser, user, subscription);
      for (const item of entry.items) link(index.byItem, item, subscription);
    },
    remove(subscription) {
      const entry = entries.get(subscription);
      if (!entry) return;
      entries.delete(subscription);
      const index = sites.get(entry.siteId)!;
      for (const user of entry.users) unlink(index.byUser, user, subscription);
      for (const item of entry.items) unlink(index.byItem, item, subscription);
      index.count -= 1;
      if (index.count === 0) sites.delete(entry.siteId);
    },
    setItems(subscription, items) {
      const entry = entries.get(subscription);
      if (!entry) return;
      const index = sites.get(entry.siteId)!;
      const next = new Set(items);
      for (const item of entry.items) if (!next.has(item)) unlink(index.byItem, item, subscription);
      for (const item of next) if (!entry.items.has(item)) link(index.byItem, item, subscription);
      entry.items = next;
    },
    addUsers(subscription, users) {
      const entry = entries.get(subscription);
      if (!entry) return;
      const index = sites.get(entry.siteId)!;
      for (const user of users) {
        if (entry.users.has(user)) continue;
        entry.users.add(user);
        link(index.byUser, user, subscription);
      }
    },
    findByUsers: (siteId, users) => find(sites.get(siteId)?.byUser, users),
    findByItems: (siteId, itemIds) => find(sites.get(siteId)?.byItem, itemIds),
    count: (siteId) => (siteId === undefined ? entries.size : (sites.get(siteId)?.count ?? 0)),
  };
}
