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
 * or below; `isExcluded`, when given, drops the items the user interacted with in an excluded
 * way (the models check exclusions later, on the window); `limit` returns only the best so many
 * (the same as the whole ranking cut there).
 *
 * A personalized request sums up to 250 history lists of up to 100 neighbours, about 25,000
 * candidates, and uses the best thousand. So the sum allocates nothing per candidate (a slot
 * number per item key, the shared `ListedItem`s and an array of doubles), keeps no record of who
 * contributed (sourcesOf is asked for that, only for the few candidates returned), and sorts only
 * the candidates at or above the limit's score (found by sorting the scores alone, natively). A
 * CPU profile of a personalized stall showed a third of it in the garbage collector and most of
 * the rest here, when each candidate was an object and all of them were sorted.
 */
export function sumNeighbours(
  lists: readonly WeightedList[],
  options: { positiveOnly: boolean; isExcluded?: (key: string) => boolean; limit?: number },
): ScoredNeighbour[] {
  const slotOf = new Map<string, number>();
  const items: ListedItem[] = [];
  const scores: number[] = [];
  for (const list of lists) {
    const { items: listed, scores: listScores } = list.neighbours;
    for (let index = 0; index < listed.length; index += 1) {
      const item = listed[index]!;
      const contribution = list.weight * listScores[index]!;
      const slot = slotOf.get(item.key);
      if (slot === undefined) {
        slotOf.set(item.key, items.length);
        items.push(item);
        scores.push(contribution);
      } else scores[slot] = scores[slot]! + contribution;
    }
  }
  const { isExcluded } = options;
  const eligible: number[] = [];
  for (let slot = 0; slot < items.length; slot += 1) {
    if (options.positiveOnly && !(scores[slot]! > 0)) continue;
    if (isExcluded?.(items[slot]!.key)) continue;
    eligible.push(slot);
  }
  const limit = Math.max(0, options.limit ?? eligible.length);
  let chosen = eligible;
  if (limit < eligible.length) {
    if (limit === 0) return [];
    const ascending = Float64Array.from(eligible, (slot) => scores[slot]!).sort();
    const threshold = ascending[ascending.length - limit]!;
    chosen = eligible.filter((slot) => scores[slot]! >= threshold);
  }
  chosen.sort(
    (a, b) =>
      scores[b]! - scores[a]! ||
      compareText(items[a]!.type, items[b]!.type) ||
      compareText(items[a]!.id, items[b]!.id),
  );
  const ranked: ScoredNeighbour[] = [];
  for (const slot of chosen.length > limit ? chosen.slice(0, limit) : chosen) {
    const { type, id, key } = items[slot]!;
    ranked.push({ type, id, key, score: scores[slot]! });
  }
  return ranked;
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
