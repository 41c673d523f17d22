/** What the registry needs to know of a subscription. */
export interface Registrable {
  siteId: string;
}

/**
 * `source`: the items a list is computed from (its context, and the items its entries were
 * recommended because of); their similarity changes matter. `shown`: the items in the list; only
 * their catalogue changes matter.
 */
export type ItemRole = 'source' | 'shown';
const ROLES: readonly ItemRole[] = ['source', 'shown'];

interface SiteIndex<S> {
  byUser: Map<string, Set<S>>;
  byItem: Record<ItemRole, Map<string, Set<S>>>;
  count: number;
}

interface Entry {
  siteId: string;
  users: Set<string>;
  items: Record<ItemRole, Set<string>>;
}

export interface SubscriptionRegistry<S extends Registrable> {
  add(subscription: S, users: Iterable<string>, sourceItems: Iterable<string>): void;
  remove(subscription: S): void;
  /** Replaces the item ids of one role a subscription is found by. */
  setItems(subscription: S, role: ItemRole, items: Iterable<string>): void;
  /** Adds user ids a subscription is also found by (a login makes the known id follow the anonymous one). */
  addUsers(subscription: S, users: Iterable<string>): void;
  findByUsers(siteId: string, users: Iterable<string>): Set<S>;
  findByItems(siteId: string, itemIds: Iterable<string>, roles: readonly ItemRole[]): Set<S>;
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
      index = { byUser: new Map(), byItem: { source: new Map(), shown: new Map() }, count: 0 };
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

  function find(maps: (Map<string, Set<S>> | undefined)[], keys: Iterable<string>): Set<S> {
    const found = new Set<S>();
    for (const key of keys)
      for (const map of maps)
        for (const subscription of map?.get(key) ?? []) found.add(subscription);
    return found;
  }

  return {
    add(subscription, users, sourceItems) {
      if (entries.has(subscription)) throw new Error('subscription already registered');
      const index = siteIndex(subscription.siteId);
      const entry: Entry = {
        siteId: subscription.siteId,
        users: new Set(users),
        items: { source: new Set(sourceItems), shown: new Set() },
      };
      entries.set(subscription, entry);
      index.count += 1;
      for (const user of entry.users) link(index.byUser, user, subscription);
      for (const item of entry.items.source) link(index.byItem.source, item, subscription);
    },
    remove(subscription) {
      const entry = entries.get(subscription);
      if (!entry) return;
      entries.delete(subscription);
      const index = sites.get(entry.siteId)!;
      for (const user of entry.users) unlink(index.byUser, user, subscription);
      for (const role of ROLES)
        for (const item of entry.items[role]) unlink(index.byItem[role], item, subscription);
      index.count -= 1;
      if (index.count === 0) sites.delete(entry.siteId);
    },
    setItems(subscription, role, items) {
      const entry = entries.get(subscription);
      if (!entry) return;
      const map = sites.get(entry.siteId)!.byItem[role];
      const previous = entry.items[role];
      const next = new Set(items);
      for (const item of previous) if (!next.has(item)) unlink(map, item, subscription);
      for (const item of next) if (!previous.has(item)) link(map, item, subscription);
      entry.items[role] = next;
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
    findByUsers: (siteId, users) => find([sites.get(siteId)?.byUser], users),
    findByItems: (siteId, itemIds, roles) =>
      find(
        roles.map((role) => sites.get(siteId)?.byItem[role]),
        itemIds,
      ),
    count: (siteId) => (siteId === undefined ? entries.size : (sites.get(siteId)?.count ?? 0)),
  };
}
