import type { QueryExecutor } from '../../graph/query-executor.js';
import { itemKey, toCandidate, type Candidate, type CandidateRow } from '../candidate.js';
import type { ModelName } from '../scenario-config.js';
import type { RankedPageCache } from './ranked-page-cache.js';
import { MODEL_DEFAULTS, type ModelRequest, type RecommendationModel } from './model.js';

type RankedList = 'popular' | 'trending' | 'new';

/**
 * popular, trending and new read a site-wide ranking (materialised scores or creation time) a page
 * at a time in index order, until enough candidates pass the request's filters and the user's
 * exclusions (from the request's user profile, so every visitor shares the cached pages).
 * popular falls back to the newest items, so a site without interactions still gets a full list.
 */
export function createRankedListModel(
  executor: QueryExecutor,
  list: RankedList,
  pages?: RankedPageCache<CandidateRow[]>,
): RecommendationModel {
  return {
    needs: 'none',
    async fetch(request) {
      const found = await readPages(executor, list, request, [], pages);
      if (list !== 'popular' || countAccepted(found, request) >= request.need) return found;
      const newest = await readPages(executor, 'new', request, found, pages);
      return [
        ...found,
        ...newest.map((candidate) => ({ ...candidate, reasonModel: 'new' as ModelName })),
      ];
    },
  };
}

async function readPages(
  executor: QueryExecutor,
  list: RankedList,
  request: ModelRequest,
  earlier: Candidate[],
  pages: RankedPageCache<CandidateRow[]> | undefined,
): Promise<Candidate[]> {
  const scope = await request.session.categoryScope();
  const query =
    scope === null ? `recommend/${list}-items` : `recommend/${list}-items-in-categories`;
  const pageSize = Math.max(MODEL_DEFAULTS.rankedPageMin, request.fetchLimit * 2);
  const seen = new Set(earlier.map((candidate) => itemKey(candidate.type, candidate.id)));
  const found: Candidate[] = [];
  let accepted = countAccepted(earlier, request);
  for (let page = 0; page < MODEL_DEFAULTS.rankedPages && accepted < request.need; page += 1) {
    // The page is the same for every visitor of the site; the user's exclusions come after.
    const params = {
      siteId: request.siteId,
      categories: scope,
      skip: page * pageSize,
      limit: pageSize,
    };
    const load = () => executor.run<CandidateRow>(query, params);
    const rows = pages
      ? await pages.read(
          request.siteId,
          JSON.stringify([query, scope, params.skip, pageSize]),
          load,
        )
      : await load();
    const candidates = rows.map(toCandidate);
    const excluded =
      request.user === null
        ? new Set<string>()
        : await (await request.session.userProfile()).excludes(candidates);
    for (const candidate of candidates) {
      const key = itemKey(candidate.type, candidate.id);
      if (seen.has(key) || excluded.has(key)) continue;
      found.push(candidate);
      if (request.accept(candidate)) accepted += 1;
    }
    if (rows.length < pageSize) break;
  }
  return found;
}

function countAccepted(candidates: Candidate[], request: ModelRequest): number {
  return candidates.filter((candidate) => request.accept(candidate)).length;
}
