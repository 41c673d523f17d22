import type { RecommendedItem } from './live-ports.js';

/**
 * Item ids recently deleted or made unavailable, per site. A recompute that started before the
 * catalogue change committed may still return such an item; filtering against this memory keeps
 * a removed item from coming back into an open list. Entries expire after `ttlMs`.
 */
export interface RemovedItems {
  add(siteId: string, ids: Iterable<string>, now?: number): void;
  /** The item is back (made available again, re-imported). */
  restore(siteId: string, ids: Iterable<string>): void;
  filter(siteId: string, items: RecommendedItem[], now?: number): RecommendedItem[];
}

export function createRemovedItems(ttlMs: number): RemovedItems {
  const sites = new Map<string, Map<string, number>>();
  return {
    add(siteId, ids, now = Date.now()) {
      let site = sites.get(siteId);
      if (!site) sites.set(siteId, (site = new Map()));
      for (const id of ids) site.set(id, now + ttlMs);
    },
    restore(siteId, ids) {
      const site = sites.get(siteId);
      if (!site) return;
      for (const id of ids) site.delete(id);
      if (site.size === 0) sites.delete(siteId);
    },
    filter(siteId, items, now = Date.now()) {
      const site = sites.get(siteId);
      if (!site) return items;
      for (const [id, expires] of site) if (expires <= now) site.delete(id);
      if (site.size === 0) {
        sites.delete(siteId);
        return items;
      }
      return items.filter((item) => !site.has(item.id));
    },
  };
}
