import type { PushCause, ServerMessage, SubscribeMessage } from './live-messages.js';
import type { RecommendedItem } from './live-ports.js';

/** The connection side of a subscription. */
export interface LiveSubscriber {
  send(message: ServerMessage): void;
}

export interface PendingList {
  items: RecommendedItem[];
  recommendationId: string;
  scenario: string;
  cause: PushCause;
}

/** One live recommendation box: what it asks for, what the client has, and what is on its way. */
export interface Subscription {
  siteId: string;
  subscriber: LiveSubscriber;
  request: SubscribeMessage;
  /** The known user the subscription's user was merged into by a login (asked for instead: same lists, fresher cache). */
  recommendUser: string | undefined;
  /** The list the client has; undefined until the first push. */
  pushed: PendingList | undefined;
  version: number;
  /** A computed list waiting for its push slot. */
  next: PendingList | undefined;
  pendingCauses: Set<PushCause>;
  failures: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the last recompute started, and the timer holding back a similarity-only one. */
  recomputedAt: number;
  backgroundTimer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() when the oldest user event not yet answered by a push reached this instance. */
  userEventAt: number | undefined;
  closed: boolean;
}

export function createSubscription(
  siteId: string,
  subscriber: LiveSubscriber,
  request: SubscribeMessage,
): Subscription {
  return {
    siteId,
    subscriber,
    request,
    recommendUser: undefined,
    pushed: undefined,
    version: 0,
    next: undefined,
    pendingCauses: new Set(),
    failures: 0,
    retryTimer: undefined,
    recomputedAt: -Infinity,
    backgroundTimer: undefined,
    userEventAt: undefined,
    closed: false,
  };
}
