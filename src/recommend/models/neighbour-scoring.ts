import { itemKey } from '../candidate.js';

/** One entry of a materialised SIMILAR list. */
export interface Neighbour {
  type: string;
  id: string;
  score: number;
}

/** An item whose SIMILAR list counts with a weight (a context item: 1; a history item: its weight). */
export interface WeightedList {
  id: string;
  weight: number;
  neighbours: readonly Neighbour[];
}

export interface ScoredNeighbour extends Neighbour {
  /** The items whose lists led here, with what each added. */
  sources: { id: string; score: number }[];
}

/**
 * Sums the weighted SIMILAR lists into one ranking: best score first, then type and id (the
 * order the Cypher models used). `positiveOnly` drops items a hidden history item pushed to 0
 * or below; `isExcluded` drops the items the user interacted with in an excluded way.
 */
export function sumNeighbours(
  lists: readonly WeightedList[],
  options: { positiveOnly: boolean; isExcluded: (key: string) => boolean },
): ScoredNeighbour[] {
  const scored = new Map<string, ScoredNeighbour>();
  for (const list of lists)
    for (const neighbour of list.neighbours) {
      const key = itemKey(neighbour.type, neighbour.id);
      const contribution = list.weight * neighbour.score;
      const current = scored.get(key);
      if (current) {
        current.score += contribution;
        current.sources.push({ id: list.id, score: contribution });
      } else
        scored.set(key, {
          type: neighbour.type,
          id: neighbour.id,
          score: contribution,
          sources: [{ id: list.id, score: contribution }],
        });
    }
  const ranked: ScoredNeighbour[] = [];
  for (const [key, candidate] of scored) {
    if (options.positiveOnly && !(candidate.score > 0)) continue;
    if (options.isExcluded(key)) continue;
    ranked.push(candidate);
  }
  return ranked.sort(
    (a, b) => b.score - a.score || compareText(a.type, b.type) || compareText(a.id, b.id),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
