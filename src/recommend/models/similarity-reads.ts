import type { Change, ItemRef } from '../../changes/change-bus.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { itemKey } from '../candidate.js';
import { createKeyedCache, type KeyedCacheSettings } from './keyed-cache.js';
import { EMPTY_LIST, type ListedItem, type SimilarList } from './neighbour-scoring.js';

/** Models whose materialised SIMILAR lists the request path reads. */
export const LIST_MODELS = ['also_bought', 'also_viewed', 'also_consumed', 'personalized'] as const;
export type ListModel = (typeof LIST_MODELS)[number];

/** What filters and responses need of a candidate item. */
export interface ItemDetails {
  properties: Record<string, unknown>;
  categories: string[];
}

export interface SimilarityReadSettings {
  /** SIMILAR lists kept, weighed by their length (about 16 bytes per neighbour, see SimilarList). */
  lists: KeyedCacheSettings;
  /** Candidate item details kept, one unit each. */
  details: KeyedCacheSettings;
}

/**
 * The change bus invalidates entries as soon as they change (the refresher names the items whose
 * lists it rewrote, the catalogue the items it changed; REDIS_URL carries both to every
 * instance). The TTLs only bound what a bus can miss (messages lost while Redis reconnects):
 * shorter ones would make most requests pay a query to re-read hot entries that did not change.
 */
export const SIMILARITY_READ_DEFAULTS: SimilarityReadSettings = {
  lists: { ttlMs: 600_000, maxWeight: 2_000_000 },
  details: { ttlMs: 300_000, maxWeight: 200_000 },
};

/**
 * An empty SIMILAR list is kept only this long: it is usually an item whose first co-occurrences
 * the refresher is about to write, and it costs one indexed read to check again. A change that
 * never reaches this instance would otherwise leave the item without neighbours here for the full
 * TTL: another instance's refresher without REDIS_URL, as between the integration tests' services,
 * each on its own change bus over one database.
 */
const EMPTY_LIST_TTL_MS = 2_000;

/** Without a change bus nothing says when an entry goes stale, so nothing is kept. */
export const SIMILARITY_READ_UNCACHED: SimilarityReadSettings = {
  lists: { ttlMs: 0, maxWeight: 0 },
  details: { ttlMs: 0, maxWeight: 0 },
};

/**
 * The graph reads behind the similarity models (also_*, personalized): the materialised SIMILAR
 * lists of the context or history items, and the details of the candidates they lead to. Both
 * are read-through caches over Neo4j, so a warm request runs no query for them.
 */
export function createSimilarityReads(
  executor: QueryExecutor,
  settings: SimilarityReadSettings = SIMILARITY_READ_DEFAULTS,
) {
  const lists = createKeyedCache<SimilarList>(
    settings.lists,
    (list) => list.items.length + 1,
    Date.now,
    (list) => (list.items.length === 0 ? EMPTY_LIST_TTL_MS : settings.lists.ttlMs),
  );
  const listedItems = createListedItems();
  const details = createKeyedCache<ItemDetails>(settings.details, () => 1);
  const listKey = (siteId: string, model: string, item: ItemRef) =>
    `${siteId}\u0000${model}\u0000${itemKey(item.type, item.id)}`;
  const detailKey = (siteId: string, item: ItemRef) =>
    `${siteId}\u0000${itemKey(item.type, item.id)}`;

  return {
    /** Each item's SIMILAR list under the model, by item key; an item not in the graph has none. */
    async similarLists(
      siteId: string,
      model: ListModel,
      items: readonly ItemRef[],
    ): Promise<Map<string, SimilarList>> {
      const byKey = new Map(items.map((item) => [listKey(siteId, model, item), item]));
      const found = await lists.getMany(byKey.keys(), async (keys) => {
        const rows = await executor.run<
          ItemRef & { types: string[]; ids: string[]; scores: number[] }
        >('recommend/read-similar-lists', {
          siteId,
          model,
          items: keys.map((key) => byKey.get(key)!),
        });
        return new Map(
          rows.map((row) => [listKey(siteId, model, row), listOf(siteId, row, listedItems)]),
        );
      });
      const result = new Map<string, SimilarList>();
      for (const [key, item] of byKey) {
        const list = found.get(key);
        if (list) result.set(itemKey(item.type, item.id), list);
      }
      return result;
    },

    /** Properties and category paths of the items that exist, by item key. */
    async itemDetails(
      siteId: string,
      items: readonly ItemRef[],
    ): Promise<Map<string, ItemDetails>> {
      const byKey = new Map(items.map((item) => [detailKey(siteId, item), item]));
      const found = await details.getMany(byKey.keys(), async (keys) => {
        const rows = await executor.run<ItemRef & ItemDetails>('recommend/read-item-details', {
          siteId,
          items: keys.map((key) => byKey.get(key)!),
        });
        return new Map(
          rows.map((row) => [
            detailKey(siteId, row),
            { properties: row.properties, categories: row.categories ?? [] },
          ]),
        );
      });
      const result = new Map<string, ItemDetails>();
      for (const [key, item] of byKey) {
        const value = found.get(key);
        if (value) result.set(itemKey(item.type, item.id), value);
      }
      return result;
    },

    /** Applies a change from the bus: rewritten lists and changed items are read again. */
    observe(change: Change): void {
      if (change.kind === 'similarity')
        for (const item of change.items)
          for (const model of LIST_MODELS) lists.invalidate(listKey(change.siteId, model, item));
      else if (change.kind === 'item-change')
        for (const item of change.items) details.invalidate(detailKey(change.siteId, item));
    },

    clear(): void {
      lists.clear();
      details.clear();
      listedItems.clear();
    },
    stats() {
      return { lists: lists.stats(), details: details.stats() };
    },
  };
}

export type SimilarityReads = ReturnType<typeof createSimilarityReads>;

/**
 * Past this many, the table of listed items starts afresh. Sharing is only a saving: a list keeps
 * the item objects it was built with, and items read later get new ones.
 */
const MAX_LISTED_ITEMS = 200_000;

/** One ListedItem per site and item, shared by every list naming it. */
function createListedItems() {
  const items = new Map<string, ListedItem>();
  return {
    get(siteId: string, type: string, id: string): ListedItem {
      const key = itemKey(type, id);
      const tableKey = `${siteId}\u0000${key}`;
      let item = items.get(tableKey);
      if (!item) {
        if (items.size >= MAX_LISTED_ITEMS) items.clear();
        item = { type, id, key };
        items.set(tableKey, item);
      }
      return item;
    },
    clear: () => items.clear(),
  };
}

/** A SIMILAR list from the query's parallel lists (scores in a Float64Array, items shared). */
function listOf(
  siteId: string,
  row: { types: string[]; ids: string[]; scores: number[] },
  listedItems: ReturnType<typeof createListedItems>,
): SimilarList {
  if (row.ids.length === 0) return EMPTY_LIST;
  const items: ListedItem[] = new Array(row.ids.length);
  for (let index = 0; index < row.ids.length; index += 1)
    items[index] = listedItems.get(siteId, row.types[index]!, row.ids[index]!);
  return { items, scores: Float64Array.from(row.scores) };
}
