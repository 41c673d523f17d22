import type { ChangeBus, ItemRef } from '../changes/change-bus.js';
import { AppError } from '../errors/app-error.js';
import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import { expandCategoryPaths } from './category-paths.js';
import { isItemListed, toApiItem, toGraphItem } from './graph-item.js';
import type { CatalogItem } from './item-schema.js';

export interface CatalogDeps {
  executor: QueryExecutor;
  registry: CypherRegistry;
  changes: ChangeBus;
  now?: () => number;
}

const CATALOG_QUERIES = [
  'catalog/merge-categories',
  'catalog/upsert-items',
  'catalog/get-item',
  'catalog/delete-item',
];

export type Catalog = ReturnType<typeof createCatalog>;

/**
 * The catalogue of a site: upserts (one item or a batch of up to 1,000, all or nothing), reads and
 * deletions. Every change is published on the change bus; items that are deleted or not listed any
 * more (unavailable, outside their validity) go out with `removed: true` so live lists drop them.
 */
export function createCatalog(deps: CatalogDeps) {
  const { executor, changes } = deps;
  const now = deps.now ?? Date.now;
  for (const name of CATALOG_QUERIES) deps.registry.get(name); // a missing file stops the start-up

  return {
    async upsertItems(siteId: string, items: CatalogItem[]): Promise<{ upserted: number }> {
      const latest = new Map<string, CatalogItem>();
      for (const item of items) latest.set(`${item.type}\u0000${item.id}`, item); // the last occurrence wins
      const unique = [...latest.values()];
      const at = now();
      const categories = expandCategoryPaths(unique.flatMap((item) => item.categories ?? []));
      if (categories.length > 0)
        await executor.run('catalog/merge-categories', { siteId, categories });
      await executor.run('catalog/upsert-items', {
        siteId,
        now: at,
        items: unique.map((item) => toGraphItem(siteId, item)),
      });
      publishItemChanges(siteId, unique, at);
      return { upserted: unique.length };
    },

    async getItem(siteId: string, type: string, id: string): Promise<Record<string, unknown>> {
      const [row] = await executor.run<{
        properties: Record<string, unknown>;
        categories: string[];
      }>('catalog/get-item', { siteId, type, id });
      if (!row)
        throw new AppError('ITEM_NOT_FOUND', `No item ${type}/${id} in the catalogue.`, {
          field: 'id',
        });
      return toApiItem(row.properties, row.categories);
    },

    /** Idempotent: deleting an unknown or already deleted item succeeds and changes nothing. */
    async deleteItem(siteId: string, type: string, id: string): Promise<void> {
      const rows = await executor.run('catalog/delete-item', { siteId, type, id, now: now() });
      if (rows.length > 0)
        changes.publish({ kind: 'item-change', siteId, items: [{ type, id }], removed: true });
    },
  };

  function publishItemChanges(siteId: string, items: CatalogItem[], at: number): void {
    const removed: ItemRef[] = [];
    const updated: ItemRef[] = [];
    for (const item of items)
      (isItemListed(item, at) ? updated : removed).push({ type: item.type, id: item.id });
    if (removed.length > 0)
      changes.publish({ kind: 'item-change', siteId, items: removed, removed: true });
    if (updated.length > 0)
      changes.publish({ kind: 'item-change', siteId, items: updated, removed: false });
  }
}
