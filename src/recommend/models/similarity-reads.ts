import type { Change, ItemRef } from '../../changes/change-bus.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { itemKey } from '../candidate.js';
import { createKeyedCache, type KeyedCacheSettings } from './keyed-cache.js';
import type { Neighbour } from './neighbour-scoring.js';

/** Models whose materialised SIMILAR lists the request path reads. */
export const LIST_MODELS = ['also_bought', 'also_viewed', 'also_consumed', 'personalized'] as const;
export type ListModel = (typeof LIST_MODELS)[number];

/** What filters and responses need of a candidate item. */
export interface ItemDetails {
  properties: Record<string, unknown>;
  categories: string[];
}

export interface SimilarityReadSettings {
  /** SIMILAR lists kept, weighed by their length (about 60 bytes per neighbour). */
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
  const lists = createKeyedCache<readonly Neighbour[]>(
    settings.lists,
    (list) => list.length + 1,
    Date.now,
    (list) => (list.length === 0 ? EMPTY_LIST_TTL_MS : settings.lists.ttlMs),
  );
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
    ): Promise<Map<string, readonly Neighbour[]>> {
      const byKey = new Map(items.map((item) => [listKey(siteId, model, item), item]));
      const found = await lists.getMany(byKey.keys(), async (keys) => {
        const rows = await executor.run<
          ItemRef & { types: string[]; ids: string[]; scores: number[] }
        >('recommend/read-similar-lists', {
          siteId,
          model,
          items: keys.map((key) => byKey.get(key)!),
        });
        return new Map(rows.map((row) => [listKey(siteId, model, row), neighboursOf(row)]));
      });
      const result = new Map<string, readonly Neighbour[]>();
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
    },
    stats() {
      return { lists: lists.stats(), details: details.stats() };
    },
  };
}

export type SimilarityReads = ReturnType<typeof createSimilarityReads>;

/** A SIMILAR list from the query's parallel lists, each entry with its key for sumNeighbours. */
function neighboursOf(row: { types: string[]; ids: string[]; scores: number[] }): Neighbour[] {
  const neighbours: Neighbour[] = new Array(row.ids.length);
  for (let index = 0; index < row.ids.length; index += 1) {
    const type = row.types[index]!;
    const id = row.ids[index]!;
    neighbours[index] = { type, id, score: row.scores[index]!, key: itemKey(type, id) };
  }
  return neighbours;
}
