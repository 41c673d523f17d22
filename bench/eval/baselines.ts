/**
 * Reference recommenders computed in memory on the same training data as the service, so that a
 * quality run always prints what plain methods reach on that split. Both treat the data as
 * implicit feedback (a user-item pair present or not; ratings and repeats ignored), never
 * recommend an item the user has in training, and break score ties by first appearance in the file.
 */
export interface TrainingIndex {
  itemIds: string[];
  /** Distinct training items per user, as indexes into itemIds. */
  userItems: Map<string, Int32Array>;
  /** Distinct training users per item. */
  itemUserCounts: Int32Array;
}

export type Recommend = (user: string, k: number) => string[];

export function indexTraining(rows: Iterable<{ user: string; item: string }>): TrainingIndex {
  const itemIndex = new Map<string, number>();
  const itemIds: string[] = [];
  const sets = new Map<string, Set<number>>();
  for (const { user, item } of rows) {
    let index = itemIndex.get(item);
    if (index === undefined) {
      index = itemIds.length;
      itemIndex.set(item, index);
      itemIds.push(item);
    }
    let items = sets.get(user);
    if (!items) sets.set(user, (items = new Set()));
    items.add(index);
  }
  const itemUserCounts = new Int32Array(itemIds.length);
  const userItems = new Map<string, Int32Array>();
  for (const [user, items] of sets) {
    const array = Int32Array.from(items);
    userItems.set(user, array);
    for (const item of array) itemUserCounts[item]! += 1;
  }
  return { itemIds, userItems, itemUserCounts };
}

/** Most popular = most distinct training users; the same ranking for everyone, minus their own items. */
export function createPopularityRecommender(index: TrainingIndex): Recommend {
  const ranked = rankIndexes(Float64Array.from(index.itemUserCounts));
  return (user, k) => {
    const own = new Set(index.userItems.get(user) ?? []);
    const result: string[] = [];
    for (const item of ranked) {
      if (result.length === k) break;
      if (!own.has(item)) result.push(index.itemIds[item]!);
    }
    return result;
  };
}

/**
 * Item-based k-nearest neighbours (Sarwar et al. 2001; the ItemKNNCF of Dacrema et al. 2019):
 * cosine similarity between the items' binary user vectors,
 * sim(i, j) = |U(i) ∩ U(j)| / √(|U(i)| · |U(j)|); every candidate item j keeps its `neighbours`
 * most similar items N(j), and its score for user u is Σ sim(i, j) over the training items i of u
 * that are in N(j). (Summing over the neighbours *of the user's items* instead, i.e. pruning the
 * other side of the similarity matrix, scores clearly lower on MovieLens: 0.31 against 0.37 P@10.)
 * Items with no score are not recommended, so a list may be shorter than k.
 */
export function createItemKnnRecommender(
  index: TrainingIndex,
  options: { neighbours: number } = { neighbours: 100 },
): Recommend {
  const contributions = transposeNeighbours(computeNeighbours(index, options.neighbours));
  const itemCount = index.itemIds.length;
  const scores = new Float64Array(itemCount);
  return (user, k) => {
    const own = index.userItems.get(user) ?? new Int32Array();
    const touched: number[] = [];
    for (const item of own) {
      const { items, similarities } = contributions[item]!;
      items.forEach((other, at) => {
        if (scores[other] === 0) touched.push(other);
        scores[other]! += similarities[at]!;
      });
    }
    for (const item of own) scores[item] = 0;
    const candidates = touched.filter((item) => scores[item]! > 0);
    candidates.sort((a, b) => scores[b]! - scores[a]! || a - b);
    const result = candidates.slice(0, k).map((item) => index.itemIds[item]!);
    for (const item of touched) scores[item] = 0;
    return result;
  };
}

export interface Neighbourhood {
  items: Int32Array;
  similarities: Float64Array;
}

/** Top-`limit` cosine neighbours of every item, from co-occurrence counts accumulated per item. */
export function computeNeighbours(index: TrainingIndex, limit: number): Neighbourhood[] {
  const itemCount = index.itemIds.length;
  const itemUsers: number[][] = Array.from({ length: itemCount }, () => []);
  const users = [...index.userItems.values()];
  users.forEach((items, user) => {
    for (const item of items) itemUsers[item]!.push(user);
  });
  const cooccurrence = new Float64Array(itemCount);
  const result: Neighbourhood[] = [];
  for (let item = 0; item < itemCount; item += 1) {
    const touched: number[] = [];
    for (const user of itemUsers[item]!) {
      for (const other of users[user]!) {
        if (other === item) continue;
        if (cooccurrence[other] === 0) touched.push(other);
        cooccurrence[other]! += 1;
      }
    }
    const ownCount = index.itemUserCounts[item]!;
    const scored = touched.map((other) => ({
      other,
      similarity: cooccurrence[other]! / Math.sqrt(ownCount * index.itemUserCounts[other]!),
    }));
    for (const other of touched) cooccurrence[other] = 0;
    scored.sort((a, b) => b.similarity - a.similarity || a.other - b.other);
    const kept = scored.slice(0, limit);
    result.push({
      items: Int32Array.from(kept, (entry) => entry.other),
      similarities: Float64Array.from(kept, (entry) => entry.similarity),
    });
  }
  return result;
}

/** For every item i, the items j whose neighbourhood holds i, with sim(i, j): what i adds to whom. */
export function transposeNeighbours(neighbours: Neighbourhood[]): Neighbourhood[] {
  const items: number[][] = neighbours.map(() => []);
  const similarities: number[][] = neighbours.map(() => []);
  neighbours.forEach((neighbourhood, target) => {
    neighbourhood.items.forEach((source, at) => {
      items[source]!.push(target);
      similarities[source]!.push(neighbourhood.similarities[at]!);
    });
  });
  return neighbours.map((_, item) => ({
    items: Int32Array.from(items[item]!),
    similarities: Float64Array.from(similarities[item]!),
  }));
}

/** Indexes sorted by descending value, ties by ascending index. */
function rankIndexes(values: Float64Array): number[] {
  return Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
}
