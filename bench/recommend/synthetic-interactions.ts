import { createRandom } from '../eval/split.js';

export interface SyntheticSpec {
  users: number;
  items: number;
  interactions: number;
  /** Items fall into this many categories; users lean towards one of them. */
  categories: number;
  seed: number;
}

export interface SyntheticInteraction {
  user: string;
  item: string;
  type: 'view' | 'buy';
  /** Epoch ms, spread over the 30 days before `now`. */
  at: number;
}

export const SYNTHETIC_DEFAULTS = {
  /** Zipf exponent of item popularity (rank r drawn with probability ∝ 1/r^s). */
  itemExponent: 1.0,
  /** Zipf exponent of user activity: a long tail of one-visit users, a few heavy users. */
  userExponent: 0.5,
  /** Share of a user's interactions inside their favourite category (gives co-occurrence structure). */
  homeCategoryShare: 0.75,
  buyShare: 0.15,
  historyDays: 30,
} as const;

export function itemIdOf(index: number): string {
  return `item-${index}`;
}

export function userIdOf(index: number): string {
  return `user-${index}`;
}

/** Item i (popularity rank i) belongs to category i mod categories, so every category has popular items. */
export function categoryOf(itemIndex: number, categories: number): number {
  return itemIndex % categories;
}

/** Draws ranks 0..n-1 with P(r) ∝ 1/(r+1)^exponent, by binary search in the cumulative distribution. */
export function createZipfSampler(n: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank += 1) {
    sum += 1 / (rank + 1) ** exponent;
    cumulative[rank] = sum;
  }
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/**
 * A seeded stream of interactions over a catalogue with Zipf popularity: users are drawn by a
 * Zipf activity law; each interaction is, with probability homeCategoryShare, a Zipf draw among the
 * items of the user's favourite category, else a Zipf draw over all items; 15% are purchases.
 */
export function* generateInteractions(
  spec: SyntheticSpec,
  now: number,
): Generator<SyntheticInteraction> {
  if (spec.items % spec.categories !== 0)
    throw new RangeError(
      `items (${spec.items}) must be a multiple of categories (${spec.categories})`,
    );
  const random = createRandom(spec.seed);
  const perCategory = spec.items / spec.categories;
  const drawItem = createZipfSampler(spec.items, SYNTHETIC_DEFAULTS.itemExponent, random);
  const drawInCategory = createZipfSampler(perCategory, SYNTHETIC_DEFAULTS.itemExponent, random);
  const drawUser = createZipfSampler(spec.users, SYNTHETIC_DEFAULTS.userExponent, random);
  // User ranks are scattered over ids, so user-0 is not always the heaviest.
  const userOfRank = permutation(spec.users, random);
  const historyMs = SYNTHETIC_DEFAULTS.historyDays * 86_400_000;
  for (let count = 0; count < spec.interactions; count += 1) {
    const user = userOfRank[drawUser()]!;
    const home = user % spec.categories;
    const item =
      random() < SYNTHETIC_DEFAULTS.homeCategoryShare
        ? drawInCategory() * spec.categories + home
        : drawItem();
    yield {
      user: userIdOf(user),
      item: itemIdOf(item),
      type: random() < SYNTHETIC_DEFAULTS.buyShare ? 'buy' : 'view',
      at: now - Math.floor(random() * historyMs),
    };
  }
}

function permutation(n: number, random: () => number): Int32Array {
  const values = Int32Array.from({ length: n }, (_, index) => index);
  for (let index = n - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const value = values[index]!;
    values[index] = values[other]!;
    values[other] = value;
  }
  return values;
}

/** The catalogue record of one synthetic item, as `POST /v1/items` takes it. */
export function toCatalogueItem(index: number, categories: number) {
  return {
    type: 'product',
    id: itemIdOf(index),
    title: `Product ${index}`,
    url: `https://shop.example/p/${index}`,
    price: 5 + (index % 200),
    currency: 'EUR',
    categories: [`/category-${categoryOf(index, categories)}`],
  };
}
