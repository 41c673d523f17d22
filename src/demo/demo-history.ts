import { createHash } from 'node:crypto';
import { DEMO_DEPARTMENTS, type DemoProduct } from './demo-catalog.js';
import { createSeededRandom } from './seeded-random.js';

export interface DemoEvent {
  id: string;
  type: 'view' | 'basket' | 'buy';
  user: string;
  item: string;
  timestamp: number;
  quantity?: number;
  price?: number;
  currency?: string;
}

/** Departments whose products shoppers tend to buy together: planted "also bought" patterns. */
const COMPANIONS: Record<string, string> = {
  '/kitchen/coffee': '/books/cooking',
  '/kitchen/cookware': '/books/cooking',
  '/outdoor/running': '/outdoor/camping',
  '/audio/headphones': '/audio/speakers',
  '/home/lighting': '/home/textiles',
  '/books/travel': '/outdoor/camping',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A past week of synthetic shoppers: each favours one or two departments, views popular products
 * there more often (Zipf), buys some of them, and often buys the companion department's product
 * of the same rank. Event ids are derived from the content, so seeding twice stores nothing new.
 */
export function generateDemoHistory(
  products: DemoProduct[],
  options: { shoppers?: number; now: number },
): DemoEvent[] {
  const random = createSeededRandom(7);
  const byDepartment = new Map<string, DemoProduct[]>();
  for (const product of products)
    byDepartment.set(product.categories[0]!, [
      ...(byDepartment.get(product.categories[0]!) ?? []),
      product,
    ]);
  const events: DemoEvent[] = [];
  const start = options.now - 6 * DAY_MS;
  for (let s = 0; s < (options.shoppers ?? 400); s += 1) {
    const user = `demo-shopper-${s + 1}`;
    const favourites = [random.pick(DEMO_DEPARTMENTS).path, random.pick(DEMO_DEPARTMENTS).path];
    let at = start + random.next() * 5 * DAY_MS;
    const visits = random.integer(4, 14);
    for (let v = 0; v < visits; v += 1) {
      const department =
        random.next() < 0.8 ? favourites[v % 2]! : random.pick(DEMO_DEPARTMENTS).path;
      const shelf = byDepartment.get(department) ?? [];
      const rank = random.zipfIndex(shelf.length, 0.9);
      const product = shelf[rank];
      if (!product) continue;
      at += random.integer(20, 600) * 1000;
      events.push(event('view', user, product, at));
      if (random.next() < 0.25) {
        events.push(event('basket', user, product, (at += 30_000)));
        events.push(event('buy', user, product, (at += 60_000)));
        const companion = COMPANIONS[department]
          ? byDepartment.get(COMPANIONS[department]!)?.[rank % 20]
          : undefined;
        if (companion && random.next() < 0.6) {
          events.push(event('view', user, companion, (at += 20_000)));
          events.push(event('buy', user, companion, (at += 40_000)));
        }
      }
    }
  }
  return events;
}

function event(type: DemoEvent['type'], user: string, product: DemoProduct, at: number): DemoEvent {
  const base = {
    id: deterministicUuid(`${type}|${user}|${product.id}|${at}`),
    type,
    user,
    item: product.id,
    timestamp: Math.round(at),
  };
  return type === 'buy'
    ? { ...base, quantity: 1, price: product.price, currency: product.currency }
    : base;
}

/** A UUID-shaped id from a hash (version nibble 5), stable for the same input. */
export function deterministicUuid(input: string): string {
  const hex = createHash('sha256').update(input).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
