import {
  asymmetricCosine,
  cosineSimilarity,
  estimateCooccurrence,
  topByScore,
} from './similarity-scoring.js';

/**
 * What the refresher read for one dirty item and one interaction family. The neighbours come as
 * parallel columns (index n of each is one neighbour), as the co-occurrence reads return them.
 */
export interface ItemCooccurrences {
  item: string;
  degree: number;
  sampled: number;
  neighbourItems: string[];
  cooccurrences: number[];
  degrees: number[];
  /** `personalized` only: each neighbour's stored floor, -1 where it has none yet. */
  floors?: number[];
  /** Current SIMILAR edges of this model leaving / entering the item. */
  outEdges: { item: string; score: number }[];
  inEdges: { item: string; score: number }[];
}

/** One SIMILAR edge to set (score) or delete (score null). */
export interface EdgeWrite {
  from: string;
  to: string;
  score: number | null;
}

export interface SimilarityPlan {
  writes: EdgeWrite[];
  /** Items whose outgoing list of this model may now be longer than allowed. */
  prune: string[];
  floors: { item: string; floor: number }[];
  /** Items whose outgoing list changed (membership or a score beyond the threshold). */
  changed: string[];
}

export interface PlanSettings {
  k: number;
  /** Relative score change below which an existing edge is left alone. */
  threshold: number;
}

/**
 * `also_bought`-style lists: the item's k most similar items (cosine), and the same symmetric score
 * written on the reverse edges: on those the item already had, and into the lists of its new top k
 * (their lists are pruned back to k afterwards).
 */
export function planSymmetricModel(
  data: ItemCooccurrences,
  settings: PlanSettings,
): SimilarityPlan {
  const scores = new Map<string, number>();
  for (let index = 0; index < data.neighbourItems.length; index += 1) {
    const cooccurrence = estimateCooccurrence(
      data.cooccurrences[index]!,
      data.degree,
      data.sampled,
    );
    scores.set(
      data.neighbourItems[index]!,
      cosineSimilarity(cooccurrence, data.degree, data.degrees[index]!),
    );
  }
  const top = topByScore(
    [...scores].map(([item, score]) => ({ item, score })),
    settings.k,
  );
  const writes = diffList(data.item, 'out', data.outEdges, top, settings.threshold);
  const reverseTargets = new Map(top.map((entry) => [entry.item, entry.score]));
  for (const edge of data.inEdges) reverseTargets.set(edge.item, scores.get(edge.item) ?? 0);
  const existingIn = new Map(data.inEdges.map((edge) => [edge.item, edge.score]));
  for (const [item, score] of reverseTargets) {
    const write = diffEdge(item, data.item, existingIn.get(item), score, settings.threshold);
    if (write) writes.push(write);
  }
  const prune = [
    ...new Set(
      writes
        .filter((write) => write.to === data.item && write.score !== null)
        .map((write) => write.from),
    ),
  ];
  return { writes, prune, floors: [], changed: changedSources(writes) };
}

/**
 * `personalized`: an edge neighbour → candidate exists when the neighbour is among the candidate's
 * k nearest (asymmetric cosine from the candidate's side), and each neighbour keeps at most
 * `fanout` outgoing edges. A request sums the outgoing edges of the user's history items.
 * For the dirty item d: its k nearest become its incoming edges (replacing the old ones), its
 * floor (k-th score, 0 while it has fewer than k) is stored, and its outgoing edges are updated,
 * added where d now beats the other candidate's floor, or removed where the co-occurrence is gone.
 */
export function planCandidateModel(
  data: ItemCooccurrences,
  settings: PlanSettings & { alpha: number },
): SimilarityPlan {
  const asCandidate: { item: string; score: number }[] = [];
  const asNeighbour = new Map<string, number>();
  const floors = new Map<string, number>();
  for (let index = 0; index < data.neighbourItems.length; index += 1) {
    const item = data.neighbourItems[index]!;
    const degree = data.degrees[index]!;
    const cooccurrence = estimateCooccurrence(
      data.cooccurrences[index]!,
      data.degree,
      data.sampled,
    );
    asCandidate.push({
      item,
      score: asymmetricCosine(cooccurrence, data.degree, degree, settings.alpha),
    });
    asNeighbour.set(item, asymmetricCosine(cooccurrence, degree, data.degree, settings.alpha));
    floors.set(item, data.floors?.[index] ?? -1);
  }
  const top = topByScore(asCandidate, settings.k);
  const writes = diffList(data.item, 'in', data.inEdges, top, settings.threshold);
  const existingOut = new Map(data.outEdges.map((edge) => [edge.item, edge.score]));
  for (const [item, score] of asNeighbour) {
    // A new edge only where d beats that candidate's k-th nearest; a candidate never computed has
    // no floor yet and builds its own incoming edges when it is refreshed.
    const floor = floors.get(item) ?? -1;
    if (!existingOut.has(item) && (floor < 0 || score <= floor)) continue;
    const write = diffEdge(data.item, item, existingOut.get(item), score, settings.threshold);
    if (write) writes.push(write);
  }
  for (const edge of data.outEdges)
    if (!asNeighbour.has(edge.item)) writes.push({ from: data.item, to: edge.item, score: null });
  const floor = top.length >= settings.k ? top[top.length - 1]!.score : 0;
  const prune = [...new Set([...top.map((entry) => entry.item), data.item])];
  return { writes, prune, floors: [{ item: data.item, floor }], changed: changedSources(writes) };
}

function diffList(
  item: string,
  direction: 'out' | 'in',
  current: { item: string; score: number }[],
  next: { item: string; score: number }[],
  threshold: number,
): EdgeWrite[] {
  const writes: EdgeWrite[] = [];
  const wanted = new Map(next.map((entry) => [entry.item, entry.score]));
  const edge = (other: string, score: number | null): EdgeWrite =>
    direction === 'out' ? { from: item, to: other, score } : { from: other, to: item, score };
  for (const existing of current)
    if (!wanted.has(existing.item)) writes.push(edge(existing.item, null));
  const currentScores = new Map(current.map((entry) => [entry.item, entry.score]));
  for (const [other, score] of wanted) {
    const before = currentScores.get(other);
    if (before === undefined || changedBeyond(before, score, threshold))
      writes.push(edge(other, score));
  }
  return writes;
}

function diffEdge(
  from: string,
  to: string,
  before: number | undefined,
  score: number,
  threshold: number,
): EdgeWrite | null {
  if (score <= 0) return before === undefined ? null : { from, to, score: null };
  if (before !== undefined && !changedBeyond(before, score, threshold)) return null;
  return { from, to, score };
}

function changedBeyond(before: number, after: number, threshold: number): boolean {
  return Math.abs(after - before) > threshold * Math.max(Math.abs(before), Math.abs(after));
}

function changedSources(writes: EdgeWrite[]): string[] {
  return [...new Set(writes.map((write) => write.from))];
}
