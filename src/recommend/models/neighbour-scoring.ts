import { itemKey } from '../candidate.js';

/** An item as SIMILAR lists name it: one object per item, shared by every cached list naming it. */
export interface ListedItem {
  type: string;
  id: string;
  /** itemKey(type, id), worked out once. */
  key: string;
}

/**
 * A materialised SIMILAR list: its items and their scores, in parallel, best first. Two objects
 * per list however long (the items are shared), not one per entry: a warm service keeps about
 * 20,000 of these lists, and the garbage collector marks every object it holds on each major
 * collection.
 */
export interface SimilarList {
  items: readonly ListedItem[];
  scores: ArrayLike<number>;
}

export const EMPTY_LIST: SimilarList = { items: [], scores: new Float64Array(0) };

/** A list from entries (tests, and callers without a shared item table). */
export function similarList(
  entries: readonly { type: string; id: string; score: number }[],
): SimilarList {
  return {
    items: entries.map(({ type, id }) => ({ type, id, key: itemKey(type, id) })),
    scores: Float64Array.from(entries, (entry) => entry.score),
  };
}

/** An item whose SIMILAR list counts with a weight (a context item: 1; a history item: its weight). */
export interface WeightedList {
  id: string;
  weight: number;
  neighbours: SimilarList;
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
  for (const list of lists) {
    const { items, scores } = list.neighbours;
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index]!;
      const contribution = list.weight * scores[index]!;
      const current = scored.get(item.key);
      if (current) current.score += contribution;
      else
        scored.set(item.key, { type: item.type, id: item.id, key: item.key, score: contribution });
    }
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
  for (const list of lists) {
    const { items, scores } = list.neighbours;
    for (let index = 0; index < items.length; index += 1) {
      const key = items[index]!.key;
      if (!keys.has(key)) continue;
      const contribution = { id: list.id, score: list.weight * scores[index]! };
      const found = sources.get(key);
      if (found) found.push(contribution);
      else sources.set(key, [contribution]);
    }
  }
  return sources;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
