/**
 * Top-k ranking metrics, averaged over the evaluated users (each user weighs the same), with binary
 * relevance: an item is relevant to a user when it is among that user's held-out test items.
 * The definitions follow Microsoft Recommenders' `python_evaluation` (the source of the MovieLens
 * reference table in shared/data/README.md):
 *
 * - precision@k = hits / k, where hits = relevant items among the first k recommended. A user given
 *   fewer than k items is still divided by k (missing slots count as misses).
 * - recall@k = hits / |relevant|  (not hits / min(k, |relevant|), which would flatter users with
 *   many held-out items).
 * - nDCG@k = DCG / IDCG with DCG = Σ over hit positions i (0-based) of 1 / log2(i + 2) and IDCG the
 *   DCG of an ideal list, min(k, |relevant|) hits at the top.
 * - hit rate@k = share of users with at least one hit.
 * - coverage = distinct items recommended to all evaluated users together / number of catalogue
 *   items (the distinct items of the training data: what the recommender could have offered).
 */
export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  hitRate: number;
  coverage: number;
  /** Users the averages are taken over. */
  users: number;
}

export interface EvaluationInput {
  /** Recommended item ids per user, best first. Users absent here got an empty list. */
  rankings: ReadonlyMap<string, readonly string[]>;
  /** Held-out items per evaluated user; every user in this map is evaluated. */
  relevant: ReadonlyMap<string, ReadonlySet<string>>;
  k: number;
  catalogueSize: number;
}

export function evaluateRankings(input: EvaluationInput): RankingMetrics {
  const { rankings, relevant, k, catalogueSize } = input;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let hitUsers = 0;
  const recommended = new Set<string>();
  for (const [user, relevantItems] of relevant) {
    const top = topDistinct(rankings.get(user) ?? [], k);
    for (const item of top) recommended.add(item);
    if (relevantItems.size === 0) continue;
    let hits = 0;
    let dcg = 0;
    top.forEach((item, position) => {
      if (!relevantItems.has(item)) return;
      hits += 1;
      dcg += 1 / Math.log2(position + 2);
    });
    precision += hits / k;
    recall += hits / relevantItems.size;
    ndcg += dcg / idealDcg(Math.min(k, relevantItems.size));
    if (hits > 0) hitUsers += 1;
  }
  const users = relevant.size;
  const mean = (sum: number) => (users === 0 ? 0 : sum / users);
  return {
    precision: mean(precision),
    recall: mean(recall),
    ndcg: mean(ndcg),
    hitRate: mean(hitUsers),
    coverage: catalogueSize === 0 ? 0 : recommended.size / catalogueSize,
    users,
  };
}

/** The first k distinct ids: a duplicate in a list must not count as a second hit. */
function topDistinct(ranking: readonly string[], k: number): string[] {
  const seen = new Set<string>();
  for (const item of ranking) {
    if (seen.size === k) break;
    seen.add(item);
  }
  return [...seen];
}

function idealDcg(hits: number): number {
  let sum = 0;
  for (let position = 0; position < hits; position += 1) sum += 1 / Math.log2(position + 2);
  return sum;
}

/** Held-out items per user, restricted to users who also have training rows (warm users). */
export function groupRelevantItems(
  test: Iterable<{ user: string; item: string }>,
  trainingUsers: ReadonlySet<string>,
): Map<string, Set<string>> {
  const relevant = new Map<string, Set<string>>();
  for (const { user, item } of test) {
    if (!trainingUsers.has(user)) continue;
    let items = relevant.get(user);
    if (!items) relevant.set(user, (items = new Set()));
    items.add(item);
  }
  return relevant;
}
