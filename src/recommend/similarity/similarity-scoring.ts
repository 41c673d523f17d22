/**
 * Item-item similarity from co-occurrence in user histories, normalised by both items' popularity
 * (docs/adr/0005-similarity.md). Pure functions over the counts the refresher reads from the graph.
 */

/** Cosine on binary user vectors: popular items do not win by popularity alone. */
export function cosineSimilarity(cooccurrence: number, degreeA: number, degreeB: number): number {
  if (cooccurrence <= 0 || degreeA <= 0 || degreeB <= 0) return 0;
  return cooccurrence / Math.sqrt(degreeA * degreeB);
}

/**
 * Asymmetric cosine seen from `candidate`: co / (n_candidate^alpha * n_neighbour^(1-alpha)).
 * With alpha < 0.5 a popular neighbour is damped more than a popular candidate, which is what
 * "users who liked the neighbour will like the candidate" needs (tuned on MovieLens, alpha 0.3).
 */
export function asymmetricCosine(
  cooccurrence: number,
  candidateDegree: number,
  neighbourDegree: number,
  alpha: number,
): number {
  if (cooccurrence <= 0 || candidateDegree <= 0 || neighbourDegree <= 0) return 0;
  return cooccurrence / (candidateDegree ** alpha * neighbourDegree ** (1 - alpha));
}

/**
 * The refresher samples at most N users of a popular item; their co-occurrences are scaled back to
 * the whole population so that sampled and unsampled items stay comparable.
 */
export function estimateCooccurrence(
  sampledCooccurrence: number,
  degree: number,
  sampledUsers: number,
): number {
  if (sampledUsers <= 0 || sampledUsers >= degree) return sampledCooccurrence;
  return (sampledCooccurrence * degree) / sampledUsers;
}

export interface Scored {
  item: string;
  score: number;
}

/** The k best by score; ties broken by the item key so that results are reproducible. */
export function topByScore<T extends Scored>(entries: readonly T[], k: number): T[] {
  return entries
    .filter((entry) => entry.score > 0 && Number.isFinite(entry.score))
    .sort((a, b) => b.score - a.score || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .slice(0, k);
}
