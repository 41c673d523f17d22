import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { isSameList } from './list-diff.js';
import { toErrorMessage, type PushCause } from './live-messages.js';
import type { LiveOptions } from './live-options.js';
import type { LiveRecommender, Recommendation } from './live-ports.js';
import { pickCause } from './push-cause.js';
import { createPushCoalescer } from './push-coalescer.js';
import { createRecomputeQueue, type RecomputePriority } from './recompute-queue.js';
import { createRemovedItems } from './removed-items.js';
import type { PendingList, Subscription } from './subscription.js';
import type { SubscriptionRegistry } from './subscription-registry.js';

const REMOVED_MEMORY_MS = 30_000;
/** An urgent recompute that waited or ran longer than this is logged (debug): the 250-ms promise. */
const SLOW_URGENT_MS = 100;
/** Consecutive failures other than "Neo4j unavailable or too slow" after which a subscription is given up. */
const MAX_FAILURES = 3;

export interface SubscriptionRefresherDeps {
  recommender: LiveRecommender;
  registry: SubscriptionRegistry<Subscription>;
  options: LiveOptions;
  logger: Logger;
  /** A subscription failed for good (unknown scenario, repeated errors): the client was told; forget it. */
  giveUp(sub: Subscription): void;
  /** A list was pushed; for a push answering the user's own event, seconds since that event arrived. */
  onPush?(cause: PushCause, ownEventSeconds?: number): void;
  /** A subscription got its first list (counted as a recommendation request in the statistics). */
  onFirstList?(siteId: string, scenario: string): void;
  /** Seconds a recompute waited for a slot, and seconds the recommender took. */
  onRecompute?(waitSeconds: number, runSeconds: number, priority: RecomputePriority): void;
}

/**
 * Keeps subscriptions' lists fresh: recomputes coalesced per subscription and bounded overall (one
 * queue, urgent before background, sites in turn), then pushes coalesced per subscription (at most
 * one per minIntervalMs, the latest list always delivered), and only lists that changed.
 */
export function createSubscriptionRefresher(deps: SubscriptionRefresherDeps) {
  const { recommender, registry, options, logger } = deps;
  const queue = createRecomputeQueue({
    concurrency: options.recomputeConcurrency,
    backgroundConcurrency: options.backgroundConcurrency,
    backgroundSharePercent: options.backgroundSharePercent,
  });
  const removed = createRemovedItems(REMOVED_MEMORY_MS);
  const onError = (_sub: Subscription, error: unknown) =>
    logger.error({ err: error }, 'live subscription step failed');
  const recomputes = createPushCoalescer<Subscription>({
    minPushIntervalMs: 0,
    minFlushIntervalMs: Math.floor(options.minIntervalMs / 3),
    flush: recompute,
    onError,
  });
  const pushes = createPushCoalescer<Subscription>({
    minPushIntervalMs: options.minIntervalMs,
    minFlushIntervalMs: 0,
    flush: async (sub) => deliver(sub),
    onError,
  });

  function request(sub: Subscription, cause: PushCause): void {
    sub.pendingCauses.add(cause);
    if (cause === 'user-event') sub.userEventAt ??= performance.now();
    if (cause !== 'item-change') {
      queue.promote(sub);
      recomputes.request(sub, cause === 'user-event');
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
    const queuedAt = performance.now();
    try {
      recommendation = await queue.run(
        sub.siteId,
        urgent ? 'urgent' : 'background',
        async () => {
          if (sub.closed) return undefined;
          causes = [...sub.pendingCauses]; // read when the task starts: changes that arrived while it waited are included
          sub.pendingCauses.clear();
          sub.recomputedAt = Date.now();
          const startedAt = performance.now();
          const { scenario, user, context, limit, exclude } = sub.request;
          const answer = await recommender.recommend(sub.siteId, {
            scenario,
            user: sub.recommendUser ?? user,
            context,
            limit,
            exclude,
          });
          // by the priority it was queued with (a background one promoted by a user event counts as background)
          const [waitMs, runMs] = [startedAt - queuedAt, performance.now() - startedAt];
          deps.onRecompute?.(waitMs / 1000, runMs / 1000, urgent ? 'urgent' : 'background');
          if (urgent && (waitMs > SLOW_URGENT_MS || runMs > SLOW_URGENT_MS))
            logger.debug(
              {
                siteId: sub.siteId,
                waitMs: Math.round(waitMs),
                runMs: Math.round(runMs),
                ...queue.stats(),
              },
              'slow urgent live recompute',
            );
          return answer;
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
    offer(
      sub,
      {
        items: removed.filter(sub.siteId, recommendation.items),
        recommendationId,
        scenario,
        cause: pickCause(causes),
      },
      causes.includes('user-event'),
    );
    return false;
  }

  function handleFailure(sub: Subscription, causes: PushCause[], error: unknown): void {
    if (sub.closed) return;
    for (const cause of causes) sub.pendingCauses.add(cause);
    sub.failures += 1;
    const code = error instanceof AppError ? error.code : undefined;
    const unavailable = code === 'NEO4J_UNAVAILABLE' || code === 'GRAPH_QUERY_TIMEOUT';
    const transient =
      unavailable ||
      ((code === undefined || code === 'GRAPH_QUERY_FAILED') && sub.failures < MAX_FAILURES);
    if (!transient) {
      if (code === undefined || code === 'GRAPH_QUERY_FAILED')
        logger.error(
          { err: error, siteId: sub.siteId },
          'live recompute failed; subscription dropped',
        );
      sub.subscriber.send(toErrorMessage(error, sub.request.id));
      deps.giveUp(sub);
      return;
    }
    logger.warn(
      { err: error, siteId: sub.siteId, failures: sub.failures },
      'live recompute failed; retrying',
    );
    if (!sub.pushed && sub.failures === 1)
      sub.subscriber.send(toErrorMessage(error, sub.request.id)); // the first list is late
    sub.retryTimer = setTimeout(() => {
      sub.retryTimer = undefined;
      recomputes.request(sub);
    }, options.retryDelayMs);
    sub.retryTimer.unref();
  }

  /**
   * Keeps a computed list for the next push slot, unless it shows the client what it already has.
   * A list that answers the user's own event is not held back by a push of another cause (the
   * 250 ms promise); such pushes keep the interval among themselves.
   */
  function offer(sub: Subscription, candidate: PendingList, ownEvent = false): void {
    if (sub.pushed && isSameList(sub.pushed.items, candidate.items)) {
      sub.next = undefined;
      if (ownEvent) sub.userEventAt = undefined; // answered: the list the client has is still right
      return;
    }
    sub.next = {
      ...candidate,
      cause: sub.next ? pickCause([sub.next.cause, candidate.cause]) : candidate.cause,
    };
    indexItems(sub);
    pushes.request(sub, ownEvent);
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
    sub.subscriber.send({
      type: 'recommendations',
      id,
      recommendationId: next.recommendationId,
      scenario: next.scenario,
      items: next.items,
      version: sub.version,
      cause,
    });
    const ownEventAt = cause === 'user-event' ? sub.userEventAt : undefined;
    if (ownEventAt !== undefined) sub.userEventAt = undefined;
    deps.onPush?.(
      cause,
      ownEventAt === undefined ? undefined : (performance.now() - ownEventAt) / 1000,
    );
    if (cause === 'initial') deps.onFirstList?.(sub.siteId, next.scenario);
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

  return {
    request,
    /** Deleted or unavailable items: dropped from the lists that show them at their next push slot. */
    removeItems(siteId: string, ids: string[], subs: Iterable<Subscription>): void {
      removed.add(siteId, ids);
      for (const sub of subs) dropRemovedItems(sub);
    },
    restoreItems: (siteId: string, ids: string[]) => removed.restore(siteId, ids),
    forget(sub: Subscription): void {
      recomputes.forget(sub);
      pushes.forget(sub);
      clearTimeout(sub.retryTimer);
      clearTimeout(sub.backgroundTimer);
    },
    stats: () => queue.stats(),
  };
}
