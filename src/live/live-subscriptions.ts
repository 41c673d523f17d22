import type { Change, ChangeBus } from '../changes/change-bus.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { isSameList } from './list-diff.js';
import type { PushCause, ServerMessage, SubscribeMessage } from './live-messages.js';
import { toErrorMessage } from './live-messages.js';
import type { LiveOptions } from './live-options.js';
import type { LiveRecommender, Recommendation, RecommendedItem } from './live-ports.js';
import { pickCause } from './push-cause.js';
import { createPushCoalescer } from './push-coalescer.js';
import { createRecomputeQueue } from './recompute-queue.js';
import { createRemovedItems } from './removed-items.js';
import { createSubscriptionRegistry } from './subscription-registry.js';

/** The connection side of a subscription. */
export interface LiveSubscriber {
  send(message: ServerMessage): void;
}

interface PendingList {
  items: RecommendedItem[];
  recommendationId: string;
  scenario: string;
  cause: PushCause;
}

interface Subscription {
  siteId: string;
  subscriber: LiveSubscriber;
  request: SubscribeMessage;
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
  closed: boolean;
}

const REMOVED_MEMORY_MS = 30_000;
/** Consecutive failures other than "Neo4j unavailable or too slow" after which a subscription is given up. */
const MAX_FAILURES = 3;

/**
 * Live subscriptions: turns changes on the bus into recomputes of the affected subscriptions and
 * pushes the lists that changed. Recomputes are coalesced per subscription and bounded overall;
 * pushes are coalesced per subscription (at most one per minIntervalMs, the last one always sent).
 */
export interface LiveSubscriptionsDeps {
  recommender: LiveRecommender;
  changes: ChangeBus;
  options: LiveOptions;
  logger: Logger;
  onPush?(cause: PushCause): void;
}

export function createLiveSubscriptions(deps: LiveSubscriptionsDeps) {
  const { recommender, options, logger } = deps;
  const registry = createSubscriptionRegistry<Subscription>();
  const queue = createRecomputeQueue({ concurrency: options.recomputeConcurrency, backgroundConcurrency: options.backgroundConcurrency });
  const removed = createRemovedItems(REMOVED_MEMORY_MS);
  const bySubscriber = new Map<LiveSubscriber, Map<string, Subscription>>();
  const onError = (_sub: Subscription, error: unknown) => logger.error({ err: error }, 'live subscription step failed');
  const recomputes = createPushCoalescer<Subscription>({ minPushIntervalMs: 0, minFlushIntervalMs: Math.floor(options.minIntervalMs / 3), flush: recompute, onError });
  const pushes = createPushCoalescer<Subscription>({ minPushIntervalMs: options.minIntervalMs, minFlushIntervalMs: 0, flush: async (sub) => deliver(sub), onError });
  const stopListening = deps.changes.subscribe(onChange);

  function request(sub: Subscription, cause: PushCause): void {
    sub.pendingCauses.add(cause);
    if (cause !== 'item-change') {
      queue.promote(sub);
      recomputes.request(sub);
      return;
    }
    if (sub.backgroundTimer) return;
    const wait = sub.recomputedAt + options.backgroundIntervalMs - Date.now();
    if (wait <= 0) return recomputes.request(sub);
    sub.backgroundTimer = setTimeout(() => {
      sub.backgroundTimer = undefined;
      recomputes.request(sub);
    }, wait);
    sub.backgroundTimer.unref();
  }

  function onChange(change: Change): void {
    if (change.kind === 'user-event') {
      const login = change.eventTypes.includes('login');
      for (const sub of registry.findByUsers(change.siteId, change.users)) {
        if (login) registry.addUsers(sub, change.users); // the known id now speaks for the anonymous one
        request(sub, 'user-event');
      }
    } else if (change.kind === 'item-change') {
      const ids = change.items.map((item) => item.id);
      if (change.removed) removed.add(change.siteId, ids);
      else removed.restore(change.siteId, ids);
      for (const sub of registry.findByItems(change.siteId, ids, ['source', 'shown'])) {
        if (change.removed) dropRemovedItems(sub);
        request(sub, 'catalog');
      }
    } else if (change.kind === 'similarity') {
      // A list follows the similarity of the items it is computed from, not of the items it shows.
      for (const sub of registry.findByItems(change.siteId, change.items.map((item) => item.id), ['source'])) request(sub, 'item-change');
    }
  }

  /** A removed item leaves the list at the next push slot, without waiting for a recompute. */
  function dropRemovedItems(sub: Subscription): void {
    const base = sub.next ?? sub.pushed;
    if (!base) return;
    const items = removed.filter(sub.siteId, base.items);
    if (items.length < base.items.length) offer(sub, { ...base, items, cause: 'catalog' });
  }

  async function recompute(sub: Subscription): Promise<boolean> {
    if (sub.closed || sub.retryTimer || sub.pendingCauses.size === 0) return false;
    const urgent = [...sub.pendingCauses].some((cause) => cause !== 'item-change');
    let causes: PushCause[] = [];
    let recommendation: Recommendation | undefined;
    try {
      recommendation = await queue.run(
        sub.siteId,
        urgent ? 'urgent' : 'background',
        async () => {
          if (sub.closed) return undefined;
          causes = [...sub.pendingCauses]; // read when the task starts: changes that arrived while it waited are included
          sub.pendingCauses.clear();
          sub.recomputedAt = Date.now();
          const { scenario, user, context, limit, exclude } = sub.request;
          return recommender.recommend(sub.siteId, { scenario, user, context, limit, exclude });
        },
        sub,
      );
    } catch (error) {
      handleFailure(sub, causes, error);
      return false;
    }
    if (!recommendation || sub.closed) return false;
    sub.failures = 0;
    const { recommendationId, scenario } = recommendation;
    offer(sub, { items: removed.filter(sub.siteId, recommendation.items), recommendationId, scenario, cause: pickCause(causes) });
    return false;
  }

  function handleFailure(sub: Subscription, causes: PushCause[], error: unknown): void {
    if (sub.closed) return;
    for (const cause of causes) sub.pendingCauses.add(cause);
    sub.failures += 1;
    const code = error instanceof AppError ? error.code : undefined;
    const unavailable = code === 'NEO4J_UNAVAILABLE' || code === 'GRAPH_QUERY_TIMEOUT';
    const transient = unavailable || ((code === undefined || code === 'GRAPH_QUERY_FAILED') && sub.failures < MAX_FAILURES);
    if (!transient) {
      if (code === undefined || code === 'GRAPH_QUERY_FAILED') logger.error({ err: error, siteId: sub.siteId }, 'live recompute failed; subscription dropped');
      sub.subscriber.send(toErrorMessage(error, sub.request.id));
      remove(sub);
      return;
    }
    logger.warn({ err: error, siteId: sub.siteId, failures: sub.failures }, 'live recompute failed; retrying');
    if (!sub.pushed && sub.failures === 1) sub.subscriber.send(toErrorMessage(error, sub.request.id)); // the first list is late
    sub.retryTimer = setTimeout(() => {
      sub.retryTimer = undefined;
      recomputes.request(sub);
    }, options.retryDelayMs);
    sub.retryTimer.unref();
  }

  /** Keeps a computed list for the next push slot, unless it shows the client what it already has. */
  function offer(sub: Subscription, candidate: PendingList): void {
    if (sub.pushed && isSameList(sub.pushed.items, candidate.items)) {
      sub.next = undefined;
      return;
    }
    sub.next = { ...candidate, cause: sub.next ? pickCause([sub.next.cause, candidate.cause]) : candidate.cause };
    indexItems(sub);
    pushes.request(sub);
  }

  function deliver(sub: Subscription): boolean {
    const next = sub.next;
    if (!next || sub.closed) return false;
    const cause = sub.pushed ? next.cause : 'initial';
    sub.next = undefined;
    sub.pushed = next;
    sub.version += 1;
    indexItems(sub);
    const { id } = sub.request;
    sub.subscriber.send({ type: 'recommendations', id, recommendationId: next.recommendationId, scenario: next.scenario, items: next.items, version: sub.version, cause });
    deps.onPush?.(cause);
    return cause !== 'initial'; // the first list answers the subscribe; the interval counts between changes
  }

  /** Source: the context and the items the lists were recommended because of. Shown: the items of the pushed and the pending list. */
  function indexItems(sub: Subscription): void {
    const source = new Set(sub.request.context ?? []);
    const shown = new Set<string>();
    for (const list of [sub.pushed, sub.next]) {
      for (const item of list?.items ?? []) {
        shown.add(item.id);
        for (const because of item.reason.because ?? []) source.add(because);
      }
    }
    registry.setItems(sub, 'source', source);
    registry.setItems(sub, 'shown', shown);
  }

  function remove(sub: Subscription): void {
    sub.closed = true;
    registry.remove(sub);
    recomputes.forget(sub);
    pushes.forget(sub);
    clearTimeout(sub.retryTimer);
    clearTimeout(sub.backgroundTimer);
    const subs = bySubscriber.get(sub.subscriber);
    subs?.delete(String(sub.request.id));
    if (subs?.size === 0) bySubscriber.delete(sub.subscriber);
  }

  return {
    /** Starts (or, for an id already in use on this connection, replaces) a subscription; the first list follows at once. */
    subscribe(siteId: string, subscriber: LiveSubscriber, message: SubscribeMessage): void {
      const subs = bySubscriber.get(subscriber) ?? new Map<string, Subscription>();
      const existing = subs.get(String(message.id));
      if (!existing && subs.size >= options.maxSubscriptionsPerConnection) {
        throw new AppError('TOO_MANY_SUBSCRIPTIONS', `A connection may hold ${options.maxSubscriptionsPerConnection} subscriptions; unsubscribe one first.`, { field: 'id' });
      }
      if (existing) remove(existing);
      const sub: Subscription = { siteId, subscriber, request: message, pushed: undefined, version: 0, next: undefined, pendingCauses: new Set(), failures: 0, retryTimer: undefined, recomputedAt: -Infinity, backgroundTimer: undefined, closed: false };
      subs.set(String(message.id), sub);
      bySubscriber.set(subscriber, subs);
      registry.add(sub, [message.user], message.context ?? []);
      request(sub, 'initial');
    },
    /** Unknown ids are ignored: unsubscribing is idempotent. */
    unsubscribe(subscriber: LiveSubscriber, id: SubscribeMessage['id']): void {
      const sub = bySubscriber.get(subscriber)?.get(String(id));
      if (sub) remove(sub);
    },
    dropSubscriber(subscriber: LiveSubscriber): void {
      for (const sub of [...(bySubscriber.get(subscriber)?.values() ?? [])]) remove(sub);
    },
    stats: () => ({ subscriptions: registry.count(), recomputes: queue.stats() }),
    close(): void {
      stopListening();
      for (const subs of [...bySubscriber.values()]) for (const sub of [...subs.values()]) remove(sub);
    },
  };
}

export type LiveSubscriptions = ReturnType<typeof createLiveSubscriptions>;
