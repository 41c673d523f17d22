import type { ChangeBus, ItemRef } from '../../changes/change-bus.js';
import type { CypherRegistry } from '../../graph/cypher-registry.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import type { Logger } from '../../logging/logger.js';
import { refreshPopularity } from './popularity-refresh.js';
import {
  planCandidateModel,
  planSymmetricModel,
  type EdgeWrite,
  type ItemCooccurrences,
} from './similarity-plan.js';

const DAY_MS = 86_400_000;

/** Every knob of the refresher, with its default (docs/adr/0005-similarity.md explains the values). */
export const REFRESHER_DEFAULTS = {
  intervalMs: 1_000,
  /** Dirty items per round; a full round is followed by the next one at once. */
  batchSize: 50,
  /** Edges read from an item to pick its sample of users, and users kept in the sample. */
  scanLimit: 5_000,
  sampleSize: 500,
  /** Users with more interactions of a family than this are robots for that family's co-occurrence. */
  maxUserItems: 1_000,
  /** Each co-occurring user counts 1 / degree^iufExponent (heavy users count a little less). */
  iufExponent: 0.2,
  alsoK: 50,
  personalizedK: 100,
  personalizedFanout: 100,
  alpha: 0.3,
  changeThreshold: 0.01,
  popularityWindowMs: 7 * DAY_MS,
  stalePopularityMs: 3_600_000,
  sweepIntervalMs: 60_000,
  writeChunk: 5_000,
  errorBackoffMs: 5_000,
};
export type RefresherSettings = typeof REFRESHER_DEFAULTS;

const FAMILIES = [
  { query: 'recommend/read-bought-cooccurrences', model: 'also_bought', kind: 'symmetric' },
  { query: 'recommend/read-viewed-cooccurrences', model: 'also_viewed', kind: 'symmetric' },
  { query: 'recommend/read-consumed-cooccurrences', model: 'also_consumed', kind: 'symmetric' },
  { query: 'recommend/read-interaction-cooccurrences', model: 'personalized', kind: 'candidate' },
] as const;
const QUERIES = [
  ...FAMILIES.map((family) => family.query),
  'recommend/find-dirty-items',
  'recommend/clear-dirty-marks',
  'recommend/write-similar-edges',
  'recommend/prune-similar-edges',
  'recommend/write-similarity-floors',
  'recommend/read-item-popularity',
  'recommend/write-item-popularity',
  'recommend/find-stale-popularity',
];

export interface RefresherDeps {
  executor: QueryExecutor;
  registry: CypherRegistry;
  changes: ChangeBus;
  logger: Logger;
  settings?: Partial<RefresherSettings>;
  now?: () => number;
}

export interface RefreshResult {
  items: number;
  changed: number;
}

interface DirtyItem extends ItemRef {
  item: string;
  siteId: string;
  dirtyAt: number;
  deleted: boolean;
}

export type SimilarityRefresher = ReturnType<typeof createSimilarityRefresher>;

/**
 * Keeps SIMILAR top-k lists and popularity scores fresh: every second it takes a bounded batch of
 * the items tracking marked dirty, recomputes their lists (and the reverse edges), stores the
 * diff, clears the marks and publishes a `similarity` change per site.
 */
export function createSimilarityRefresher(deps: RefresherDeps) {
  const { executor, changes, logger } = deps;
  const settings: RefresherSettings = { ...REFRESHER_DEFAULTS, ...deps.settings };
  const now = deps.now ?? Date.now;
  for (const name of QUERIES) deps.registry.get(name);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();
  let lastSweep = 0;

  async function refreshOnce(options: { siteId?: string } = {}): Promise<RefreshResult> {
    const dirty = await executor.run<DirtyItem>('recommend/find-dirty-items', {
      siteId: options.siteId ?? null,
      limit: settings.batchSize,
    });
    if (dirty.length === 0) return { items: 0, changed: 0 };
    const live = dirty.filter((item) => !item.deleted);
    const refs = new Map<string, DirtyItem>(live.map((item) => [item.item, item]));
    const changed = new Set(live.map((item) => item.item));
    await refreshPopularity(
      { executor, settings, now },
      live.map((item) => item.item),
    );
    for (const family of FAMILIES) {
      if (live.length === 0) break;
      const rows = await executor.run<ItemCooccurrences>(family.query, {
        ...readSettings(),
        items: live.map((item) => item.item),
        model: family.model,
      });
      const writes: EdgeWrite[] = [];
      const prune = new Set<string>();
      const floors: { item: string; floor: number }[] = [];
      for (const row of rows) {
        const owner = refs.get(row.item)!;
        for (const neighbour of row.neighbours as (ItemCooccurrences['neighbours'][number] &
          ItemRef)[]) {
          if (!refs.has(neighbour.item))
            refs.set(neighbour.item, {
              ...owner,
              item: neighbour.item,
              type: neighbour.type,
              id: neighbour.id,
            });
        }
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
      await writeEdges(family.model, writes);
      const keep = family.kind === 'symmetric' ? settings.alsoK : settings.personalizedFanout;
      for (const chunk of chunked([...prune], settings.writeChunk))
        await executor.run('recommend/prune-similar-edges', {
          model: family.model,
          keep,
          items: chunk,
        });
      if (floors.length > 0) await executor.run('recommend/write-similarity-floors', { floors });
    }
    await executor.run('recommend/clear-dirty-marks', {
      marks: dirty.map((item) => ({ item: item.item, dirtyAt: item.dirtyAt })),
    });
    publishChanges(
      [...changed]
        .map((item) => refs.get(item))
        .filter((ref): ref is DirtyItem => ref !== undefined),
    );
    return { items: dirty.length, changed: changed.size };
  }

  async function writeEdges(model: string, writes: EdgeWrite[]): Promise<void> {
    for (const chunk of chunked(writes, settings.writeChunk))
      await executor.run('recommend/write-similar-edges', { model, now: now(), edges: chunk });
  }

  function readSettings() {
    const { scanLimit, sampleSize, maxUserItems, iufExponent } = settings;
    return { scanLimit, sampleSize, maxUserItems, iufExponent };
  }

  function publishChanges(items: DirtyItem[]): void {
    const bySite = new Map<string, ItemRef[]>();
    for (const item of items)
      bySite.set(item.siteId, [
        ...(bySite.get(item.siteId) ?? []),
        { type: item.type, id: item.id },
      ]);
    for (const [siteId, siteItems] of bySite)
      changes.publish({ kind: 'similarity', siteId, items: siteItems });
  }

  async function sweepStalePopularity(): Promise<number> {
    const stale = await executor.run<{ item: string }>('recommend/find-stale-popularity', {
      before: now() - settings.stalePopularityMs,
      limit: 500,
    });
    if (stale.length > 0)
      await refreshPopularity(
        { executor, settings, now },
        stale.map((row) => row.item),
      );
    return stale.length;
  }

  async function loop(): Promise<void> {
    let delay = settings.intervalMs;
    try {
      const result = await refreshOnce();
      if (result.items >= settings.batchSize) delay = 0;
      if (now() - lastSweep >= settings.sweepIntervalMs) {
        lastSweep = now();
        await sweepStalePopularity();
      }
    } catch (error) {
      logger.warn({ err: error }, 'similarity refresh failed; retrying');
      delay = settings.errorBackoffMs;
    }
    if (running) timer = setTimeout(() => (current = loop()), delay);
  }

  return {
    settings,
    refreshOnce,
    sweepStalePopularity,
    /** Refreshes until no dirty item is left (for tests, imports and benchmarks); returns the rounds' totals. */
    async refreshUntilClean(
      options: { siteId?: string; maxRounds?: number } = {},
    ): Promise<RefreshResult> {
      const total = { items: 0, changed: 0 };
      for (let round = 0; round < (options.maxRounds ?? 10_000); round += 1) {
        const result = await refreshOnce(options);
        total.items += result.items;
        total.changed += result.changed;
        if (result.items === 0) break;
      }
      return total;
    },
    start(): void {
      if (running) return;
      running = true;
      timer = setTimeout(() => (current = loop()), 0);
    },
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      await current.catch(() => undefined);
    },
  };
}

function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    chunks.push(items.slice(index, index + size));
  return chunks;
}
