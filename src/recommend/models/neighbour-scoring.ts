import { itemKey } from '../candidate.js';

/** One entry of a materialised SIMILAR list. */
export interface Neighbour {
  type: string;
  id: string;
  score: number;
  /** itemKey(type, id), worked out once when the list is read into the cache. */
  key?: string;
}

/** An item whose SIMILAR list counts with a weight (a context item: 1; a history item: its weight). */
export interface WeightedList {
  id: string;
  weight: number;
  neighbours: readonly Neighbour[];
}

export interface ScoredNeighbour {
  type: string;
  id: string;
  key: string;
  score: number;
}

/**
 * Sums the weighted SIMILAR lists into one ranking: best score first, then type and id (the
 * order the Cypher models used). `positiveOnly` drops items a hidden history item pushed to 0
 * or below; `isExcluded` drops the items the user interacted with in an excluded way.
 *
 * A personalized request sums up to 250 history lists of up to 100 neighbours: it keeps one
 * entry per candidate and no record of who contributed (sourcesOf is asked for that, only for the
 * few candidates returned), instead of an object per contribution.
 */
export function sumNeighbours(
  lists: readonly WeightedList[],
  options: { positiveOnly: boolean; isExcluded: (key: string) => boolean },
): ScoredNeighbour[] {
  const scored = new Map<string, ScoredNeighbour>();
  for (const list of lists)
    for (const neighbour of list.neighbours) {
      const key = neighbour.key ?? itemKey(neighbour.type, neighbour.id);
      const contribution = list.weight * neighbour.score;
      const current = scored.get(key);
      if (current) current.score += contribution;
      else scored.set(key, { type: neighbour.type, id: neighbour.id, key, score: contribution });
    }
  const ranked: ScoredNeighbour[] = [];
  for (const candidate of scored.values()) {
    if (options.positiveOnly && !(candidate.score > 0)) continue;
    if (options.isExcluded(candidate.key)) continue;
    ranked.push(candidate);
  }
  return ranked.sort(
    (a, b) => b.score - a.score || compareText(a.type, b.type) || compareText(a.id, b.id),
  );
}

/** For each of `keys`, the lists that led to it and what each added, in list order. */
export function sourcesOf(
  lists: readonly WeightedList[],
  keys: ReadonlySet<string>,
): Map<string, { id: string; score: number }[]> {
  const sources = new Map<string, { id: string; score: number }[]>();
  for (const list of lists)
    for (const neighbour of list.neighbours) {
      const key = neighbour.key ?? itemKey(neighbour.type, neighbour.id);
      if (!keys.has(key)) continue;
      const contribution = { id: list.id, score: list.weight * neighbour.score };
      const found = sources.get(key);
      if (found) found.push(contribution);
      else sources.set(key, [contribution]);
    }
  return sources;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
