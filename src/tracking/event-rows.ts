import type { EventType } from './event-schema.js';
import type { PreparedEvent } from './validate-events.js';

/** The interaction relationship each event type folds into (SPEC section 6). */
export const INTERACTION_OF = {
  view: 'VIEWED',
  consume: 'CONSUMED',
  basket: 'BASKETED',
  buy: 'BOUGHT',
  rate: 'RATED',
  hide: 'HID',
} as const satisfies Partial<Record<EventType, string>>;

/** Events that change item co-occurrences, so the items' similarity lists need refreshing. */
const MARKS_SIMILARITY: ReadonlySet<EventType> = new Set([
  'view',
  'consume',
  'basket',
  'buy',
  'rate',
]);

/** Events that change a user's history (and so their personal lists): announced on the change bus. */
export const CHANGES_USER_HISTORY: ReadonlySet<EventType> = new Set([
  'view',
  'consume',
  'basket',
  'unbasket',
  'buy',
  'rate',
  'hide',
  'login',
]);

/** One row of the `tracking/store-events` and `tracking/merge-users` UNWIND statements. */
export interface EventRow {
  siteId: string;
  id: string;
  type: EventType;
  user: string;
  itemType: string | null;
  item: string | null;
  at: number;
  payloadHash: string;
  /** Relationship type to fold into; null for unbasket, impression, click_recommended, login. */
  interaction: string | null;
  unbasket: boolean;
  marksSimilarity: boolean;
  quantity: number | null;
  revenue: number | null;
  currency: string | null;
  percent: number | null;
  rating: number | null;
  categoryPath: string | null;
  knownUser: string | null;
  recommendationId: string | null;
  /** Items shown (impression) and clicks (click_recommended) added to the recommendation's counters. */
  impressions: number;
  clicks: number;
}

export function toEventRow(siteId: string, prepared: PreparedEvent): EventRow {
  const { event, at, payloadHash } = prepared;
  const row: EventRow = {
    siteId,
    id: event.id,
    type: event.type,
    user: event.user,
    itemType: null,
    item: null,
    at,
    payloadHash,
    interaction:
      event.type in INTERACTION_OF
        ? INTERACTION_OF[event.type as keyof typeof INTERACTION_OF]
        : null,
    unbasket: event.type === 'unbasket',
    marksSimilarity: MARKS_SIMILARITY.has(event.type),
    quantity: null,
    revenue: null,
    currency: null,
    percent: null,
    rating: null,
    categoryPath: null,
    knownUser: null,
    recommendationId: null,
    impressions: 0,
    clicks: 0,
  };
  if ('item' in event) {
    row.item = event.item;
    row.itemType = event.itemType;
  }
  switch (event.type) {
    case 'view':
      row.categoryPath = event.categoryPath ?? null;
      break;
    case 'consume':
      row.percent = event.percent;
      break;
    case 'basket':
      row.quantity = event.quantity ?? 1;
      break;
    case 'unbasket':
      row.quantity = event.quantity ?? null; // no quantity: the item leaves the basket entirely
      break;
    case 'buy':
      row.quantity = event.quantity;
      row.revenue = event.price === undefined ? null : event.price * event.quantity;
      row.currency = event.currency ?? null;
      break;
    case 'rate':
      row.rating = event.rating;
      break;
    case 'impression':
      row.itemType = event.itemType;
      row.recommendationId = event.recommendationId;
      row.impressions = event.items.length;
      break;
    case 'click_recommended':
      row.recommendationId = event.recommendationId;
      row.clicks = 1;
      break;
    case 'login':
      row.knownUser = event.knownUser;
      break;
  }
  return row;
}
