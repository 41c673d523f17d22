import type { ChangeBus } from '../../src/changes/change-bus.js';
import type { QueryExecutor } from '../../src/graph/query-executor.js';

export type Relationship = 'VIEWED' | 'CONSUMED' | 'BASKETED' | 'BOUGHT' | 'RATED' | 'HID';

export interface InteractionRow {
  user: string;
  item: string;
  rel: Relationship;
  itemType?: string;
  at?: number;
  rating?: number;
  percent?: number;
  quantity?: number;
  /** Whether tracking would mark the item for the refresher (default: yes, except for hides). */
  markDirty?: boolean;
}

/**
 * Writes interactions the way tracking does (SPEC section 6): MERGEs users and items, folds each
 * interaction into its relationship (count, firstAt, lastAt, rating, percent, quantity) and marks
 * the items of positive interactions for the similarity refresher.
 */
export async function writeInteractions(
  executor: QueryExecutor,
  siteId: string,
  rows: InteractionRow[],
  now = Date.now(),
): Promise<void> {
  await executor.runText(
    `UNWIND $rows AS row
     MERGE (u:User {siteId: $siteId, id: row.user}) ON CREATE SET u.createdAt = $now
     MERGE (i:Item {siteId: $siteId, type: row.itemType, id: row.item}) ON CREATE SET i.createdAt = $now
     WITH u, i, row
     CALL (i, row) {
       WITH i, row WHERE row.markDirty AND row.rel <> 'HID'
       SET i.similarityDirtyAt = $now
     }
     MERGE (u)-[r:$(row.rel)]->(i)
     SET r.count = coalesce(r.count, 0) + 1,
         r.firstAt = CASE WHEN r.firstAt IS NULL OR row.at < r.firstAt THEN row.at ELSE r.firstAt END,
         r.lastAt = CASE WHEN r.lastAt IS NULL OR row.at > r.lastAt THEN row.at ELSE r.lastAt END,
         r.rating = coalesce(row.rating, r.rating),
         r.percent = coalesce(row.percent, r.percent),
         r.quantity = CASE WHEN row.quantity IS NULL THEN r.quantity ELSE coalesce(r.quantity, 0) + row.quantity END`,
    {
      siteId,
      now,
      rows: rows.map((row) => ({
        itemType: 'product',
        at: now,
        rating: null,
        percent: null,
        quantity: null,
        markDirty: true,
        ...row,
      })),
    },
  );
}

/** Catalogue items written directly (for model tests that do not go through the HTTP catalogue). */
export async function writeItems(
  executor: QueryExecutor,
  siteId: string,
  items: {
    id: string;
    type?: string;
    available?: boolean;
    createdAt?: number;
    title?: string;
    categories?: string[];
  }[],
): Promise<void> {
  await executor.runText(
    `UNWIND $items AS item
     MERGE (i:Item {siteId: $siteId, type: item.type, id: item.id})
     SET i.createdAt = item.createdAt, i.available = item.available, i.title = item.title
     WITH i, item
     UNWIND item.categories AS path
     MERGE (c:Category {siteId: $siteId, path: path}) ON CREATE SET c.name = path
     MERGE (i)-[:IN_CATEGORY]->(c)`,
    {
      siteId,
      items: items.map((item, index) => ({
        type: 'product',
        available: true,
        createdAt: 1_000 + index,
        title: item.id,
        categories: [],
        ...item,
      })),
    },
  );
}

/** `user u1 bought A, B` → rows, to keep fixtures readable. */
export function histories(
  rel: Relationship,
  byUser: Record<string, string[]>,
  extra: Partial<InteractionRow> = {},
): InteractionRow[] {
  return Object.entries(byUser).flatMap(([user, items]) =>
    items.map((item) => ({ user, item, rel, ...extra })),
  );
}

const EVENT_TYPES: Record<Relationship, string> = {
  VIEWED: 'view',
  CONSUMED: 'consume',
  BASKETED: 'basket',
  BOUGHT: 'buy',
  RATED: 'rate',
  HID: 'hide',
};

/** What tracking does for stored events: write them, then publish a `user-event` change. */
export async function trackInteractions(
  executor: QueryExecutor,
  changes: ChangeBus,
  siteId: string,
  rows: InteractionRow[],
  now = Date.now(),
): Promise<void> {
  await writeInteractions(executor, siteId, rows, now);
  changes.publish({
    kind: 'user-event',
    siteId,
    users: [...new Set(rows.map((row) => row.user))],
    items: rows.map((row) => ({ type: row.itemType ?? 'product', id: row.item })),
    eventTypes: [...new Set(rows.map((row) => EVENT_TYPES[row.rel]))],
  });
}

/**
 * The real executor, except that another instance holds the similarity backlog lease (so only
 * the refresher's fast lane runs) and `before` sees every other statement first: it may record
 * it, delay it (by returning a promise), or throw to fail it.
 */
export function fastLaneOnly(
  executor: QueryExecutor,
  before: (name: string, params: Record<string, unknown> | undefined) => void | Promise<void>,
): QueryExecutor {
  return {
    ...executor,
    async run(name, params, options) {
      if (name === 'recommend/claim-lease') return [{ owner: 'another-instance' }] as never;
      await before(name, params);
      return executor.run(name, params, options);
    },
  };
}
