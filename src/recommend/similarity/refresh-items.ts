import type { ChangeBus, ItemRef } from '../../changes/change-bus.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { refreshPopularity } from './popularity-refresh.js';
import {
  planCandidateModel,
  planSymmetricModel,
  type EdgeWrite,
  type ItemCooccurrences,
} from './similarity-plan.js';
import type { RefresherSettings } from './similarity-refresher.js';

/** A dirty item as the find-*-dirty-items queries return it. */
export interface DirtyItem extends ItemRef {
  item: string;
  siteId: string;
  /** The item's last touch by tracking as read; its mark is cleared only if no event touched it since. */
  markedAt: number;
  deleted: boolean;
}

/** An item with its site, as a similarity change names it. */
type SiteItemRef = ItemRef & { siteId: string };

export interface RefreshResult {
  items: number;
  changed: number;
}

export interface RefreshContext {
  executor: QueryExecutor;
  changes: ChangeBus;
  settings: RefresherSettings;
  now: () => number;
  /** Elements per statement for a write (edges, items): `usual` unless the refresher sizes it by time. */
  chunkFor?: (statement: string, usual: number) => number;
  /** How long a refreshed item cools down: settings.minIntervalMs unless the loop stretches it. */
  cooldownMs?: () => number;
}

/** Each similarity model, the co-occurrence it is computed from, and how its lists are built. */
export const SIMILARITY_FAMILIES = [
  { query: 'recommend/read-bought-cooccurrences', model: 'also_bought', kind: 'symmetric' },
  { query: 'recommend/read-viewed-cooccurrences', model: 'also_viewed', kind: 'symmetric' },
  { query: 'recommend/read-consumed-cooccurrences', model: 'also_consumed', kind: 'symmetric' },
  { query: 'recommend/read-interaction-cooccurrences', model: 'personalized', kind: 'candidate' },
] as const;

/**
 * Recomputes a batch of dirty items: popularity scores, then each model's lists (the item's own
 * and the reverse edges), writing only what changed; clears the marks that did not move meanwhile
 * and publishes a `similarity` change per site naming the items whose lists changed.
 */
export async function refreshItems(
  context: RefreshContext,
  dirty: DirtyItem[],
): Promise<RefreshResult> {
  if (dirty.length === 0) return { items: 0, changed: 0 };
  const { executor, settings } = context;
  const live = dirty.filter((item) => !item.deleted);
  const refs = new Map<string, DirtyItem>(live.map((item) => [item.item, item]));
  // Only items whose SIMILAR lists were rewritten: a refreshed item whose lists moved less than the
  // change threshold keeps its cached lists, and live lists computed from it stay as they are.
  const changed = new Set<string>();
  await refreshPopularity(
    context,
    live.map((item) => item.item),
  );
  for (const family of live.length === 0 ? [] : SIMILARITY_FAMILIES) {
    const { scanLimit, sampleSize, maxUserItems, iufExponent } = settings;
    const rows = await executor.run<ItemCooccurrences>(family.query, {
      items: live.map((item) => item.item),
      model: family.model,
      scanLimit,
      sampleSize,
      maxUserItems,
      iufExponent,
    });
    const writes: EdgeWrite[] = [];
    const prune = new Set<string>();
    const floors: { item: string; floor: number }[] = [];
    for (const row of rows) {
      const plan =
        family.kind === 'symmetric'
          ? planSymmetricModel(row, { k: settings.alsoK, threshold: settings.changeThreshold })
          : planCandidateModel(row, {
              k: settings.personalizedK,
              threshold: settings.changeThreshold,
              alpha: settings.alpha,
            });
      writes.push(...plan.writes);
      plan.prune.forEach((item) => prune.add(item));
      floors.push(...plan.floors);
      plan.changed.forEach((item) => changed.add(item));
    }
    const chunkFor = context.chunkFor ?? ((_: string, usual: number) => usual);
    for (const edges of chunked(
      writes,
      chunkFor('recommend/write-similar-edges', settings.writeChunk),
    ))
      await executor.run('recommend/write-similar-edges', {
        model: family.model,
        now: context.now(),
        edges,
      });
    const keep = family.kind === 'symmetric' ? settings.alsoK : settings.personalizedFanout;
    for (const items of chunked(
      [...prune],
      chunkFor('recommend/prune-similar-edges', settings.writeChunk),
    ))
      await executor.run('recommend/prune-similar-edges', { model: family.model, keep, items });
    if (floors.length > 0) await executor.run('recommend/write-similarity-floors', { floors });
  }
  await executor.run('recommend/clear-dirty-marks', {
    marks: dirty.map((item) => ({ item: item.item, markedAt: item.markedAt })),
    cooldownUntil: context.now() + (context.cooldownMs?.() ?? settings.minIntervalMs),
  });
  publishChanges(
    context.changes,
    dirty.map((item) => item.siteId),
    await refsOf(executor, refs, [...changed]),
  );
  return { items: dirty.length, changed: changed.size };
}

/**
 * Site, type and id of the changed items: the dirty ones are known, the neighbours among them
 * (the co-occurrence reads name neighbours by elementId alone) are read. An item deleted
 * meanwhile is left out.
 */
async function refsOf(
  executor: QueryExecutor,
  known: Map<string, SiteItemRef>,
  items: string[],
): Promise<SiteItemRef[]> {
  const unknown = items.filter((item) => !known.has(item));
  const read =
    unknown.length === 0
      ? []
      : await executor.run<SiteItemRef & { item: string }>('recommend/read-item-refs', {
          items: unknown,
        });
  const found = new Map<string, SiteItemRef>(read.map((row) => [row.item, row]));
  return items
    .map((item) => known.get(item) ?? found.get(item))
    .filter((ref): ref is SiteItemRef => ref !== undefined);
}

/** One change per site refreshed (its popularity scores moved), naming the items whose lists changed. */
function publishChanges(changes: ChangeBus, sites: string[], items: SiteItemRef[]): void {
  const bySite = new Map<string, ItemRef[]>(sites.map((siteId) => [siteId, []]));
  for (const item of items) bySite.get(item.siteId)?.push({ type: item.type, id: item.id });
  for (const [siteId, siteItems] of bySite)
    changes.publish({ kind: 'similarity', siteId, items: siteItems });
}

function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    chunks.push(items.slice(index, index + size));
  return chunks;
}
