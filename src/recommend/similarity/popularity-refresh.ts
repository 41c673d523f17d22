import type { QueryExecutor } from '../../graph/query-executor.js';
import { scorePopularity, type InteractionCounts } from './popularity-scoring.js';

/** Recomputes and stores the popular and trending scores of the given items (elementIds). */
export async function refreshPopularity(
  deps: { executor: QueryExecutor; settings: { popularityWindowMs: number }; now: () => number },
  items: string[],
): Promise<void> {
  if (items.length === 0) return;
  const at = deps.now();
  const since = at - deps.settings.popularityWindowMs;
  const rows = await deps.executor.run<{
    item: string;
    deleted: boolean;
    counts: InteractionCounts[];
  }>('recommend/read-item-popularity', {
    items,
    since,
    previousSince: since - deps.settings.popularityWindowMs,
  });
  const scores = rows.map((row) => {
    const score = row.deleted
      ? { popularityRank: null, trendingScore: null }
      : scorePopularity(row.counts);
    const scored = score.popularityRank !== null || score.trendingScore !== null;
    return { item: row.item, ...score, updatedAt: scored ? at : null };
  });
  await deps.executor.run('recommend/write-item-popularity', { scores });
}

/**
 * The oldest stale items whose interactions add up to at most `edgeBudget` (always the first, however
 * many it has): one sweep's read then holds a core for tens of milliseconds, not hundreds, whether
 * its items are long-tail or best-sellers.
 */
export function takeWithinEdgeBudget<T extends { edges: number }>(
  stale: readonly T[],
  edgeBudget: number,
): T[] {
  let edges = 0;
  const taken: T[] = [];
  for (const item of stale) {
    edges += item.edges;
    if (taken.length > 0 && edges > edgeBudget) break;
    taken.push(item);
  }
  return taken;
}
