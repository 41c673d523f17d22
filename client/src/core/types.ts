/** The event types an application tracks with `rg.track` (`login` goes through `rg.login`). */
export type TrackableEventType =
  | 'view'
  | 'consume'
  | 'basket'
  | 'unbasket'
  | 'buy'
  | 'rate'
  | 'hide'
  | 'impression'
  | 'click_recommended';

export type EventType = TrackableEventType | 'login';

/** Fields every event may carry; extra keys are passed through to the server. */
export interface CommonFields {
  itemType?: string;
  /** Defaults to the SDK's current user; set it only to track on behalf of someone else. */
  user?: string;
  /** ISO 8601 string or epoch ms; defaults to the moment `track` was called. */
  timestamp?: string | number;
  [extra: string]: unknown;
}

interface ItemFields extends CommonFields {
  item: string;
}

/** The fields each event type takes (SPEC section 3). */
export interface TrackFields {
  view: ItemFields & { categoryPath?: string };
  consume: ItemFields & { percent: number };
  basket: ItemFields & { quantity?: number };
  unbasket: ItemFields & { quantity?: number };
  buy: ItemFields & { quantity?: number; price?: number; currency?: string };
  /** Either `rating` (0..100) or `stars` (1..5, mapped to 0..100). */
  rate: ItemFields & { rating?: number; stars?: number };
  hide: ItemFields;
  impression: CommonFields & { items: string[]; recommendationId: string; item?: string };
  click_recommended: ItemFields & { recommendationId: string };
}

/** One event as it travels to the server. */
export interface TrackedEvent {
  id: string;
  type: EventType;
  user: string;
  item?: string;
  itemType?: string;
  timestamp: string | number;
  [extra: string]: unknown;
}

export interface RecommendedItem {
  id: string;
  type: string;
  score: number;
  model: string;
  reason: { model: string; because?: string[] };
  attributes: {
    title?: string;
    url?: string;
    image?: string;
    price?: number;
    currency?: string;
    [name: string]: unknown;
  };
}

export interface Recommendation {
  recommendationId: string;
  scenario: string;
  items: RecommendedItem[];
}

export interface LiveRecommendation extends Recommendation {
  version: number;
  cause: 'initial' | 'user-event' | 'item-change' | 'catalog' | (string & {});
}

export interface RecommendOptions {
  /** Defaults to the SDK's current user (the known id after login, else the anonymous id). */
  user?: string;
  context?: string | string[];
  limit?: number;
  category?: string;
  exclude?: string | string[];
  attributes?: string | string[];
}

/** The answer to a batch of events, over HTTP or the live socket. */
export interface EventsAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; code: string; detail?: string }[];
}
