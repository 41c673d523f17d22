import { rankSources, type Candidate } from '../candidate.js';
import { MODEL_DEFAULTS, type ModelRequest } from './model.js';
import { sourcesOf, sumNeighbours, type WeightedList } from './neighbour-scoring.js';
import type { SimilarityReads } from './similarity-reads.js';

/**
 * The similarity models' common end: sums the weighted SIMILAR lists, leaves out what the user
 * excluded (checked among the best `fetchLimit + exclusionScan`), and returns the best
 * `fetchLimit` with their details, best first.
 */
export async function candidatesFromLists(
  reads: SimilarityReads,
  request: ModelRequest,
  lists: readonly WeightedList[],
  options: { positiveOnly: boolean },
): Promise<Candidate[]> {
  const window = sumNeighbours(lists, {
    positiveOnly: options.positiveOnly,
    limit: request.fetchLimit + MODEL_DEFAULTS.exclusionScan,
  });
  const profile = await request.session.userProfile();
  const excluded = await profile.excludes(window);
  const best = window
    .filter((candidate) => !excluded.has(candidate.key))
    .slice(0, request.fetchLimit);
  const sources = sourcesOf(lists, new Set(best.map((candidate) => candidate.key)));
  const details = await reads.itemDetails(request.siteId, best);
  const candidates: Candidate[] = [];
  for (const { type, id, key, score } of best) {
    const item = details.get(key);
    if (!item) continue; // gone from the graph since the list was read
    candidates.push({
      type,
      id,
      score,
      because: rankSources(sources.get(key) ?? []),
      properties: item.properties,
      categories: item.categories,
    });
  }
  return candidates;
}
