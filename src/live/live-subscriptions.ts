import type { Change, ChangeBus } from '../changes/change-bus.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { PushCause, SubscribeMessage } from './live-messages.js';
import type { LiveOptions } from './live-options.js';
import type { LiveRecommender } from './live-ports.js';
import type { RecomputePriority } from './recompute-queue.js';
import { createSubscription, type LiveSubscriber, type Subscription } from './subscription.js';
import { createSubscriptionRefresher } from './subscription-refresher.js';
import { createSubscriptionRegistry } from './subscription-registry.js';
import type { UserResolver } from './user-resolver.js';

export type { LiveSubscriber } from './subscription.js';

export interface LiveSubscriptionsDeps {
  recommender: LiveRecommender;
  changes: ChangeBus;
  options: LiveOptions;
  logger: Logger;
  /** Resolves login merges, so that a subscription made for an anonymous id follows the known one. */
  resolveUsers?: UserResolver;
  onPush?(cause: PushCause, ownEventSeconds?: number): void;
  onFirstList?(siteId: string, scenario: string): void;
  onRecompute?(waitSeconds: number, runSeconds: number, priority: RecomputePriority): void;
}

/**
 * Live subscriptions of one instance: opens and closes them, and turns each change on the bus into
 * refreshes of the subscriptions it affects, found through the registry (never another site's).
 */
export function createLiveSubscriptions(deps: LiveSubscriptionsDeps) {
  const { options, logger } = deps;
  const registry = createSubscriptionRegistry<Subscription>();
  const bySubscriber = new Map<LiveSubscriber, Map<string, Subscription>>();
  const refresher = createSubscriptionRefresher({
    recommender: deps.recommender,
    registry,
    options,
    logger,
    giveUp: remove,
    onPush: deps.onPush,
    onFirstList: deps.onFirstList,
    onRecompute: deps.onRecompute,
  });
  const { request } = refresher;
  const stopListening = deps.changes.subscribe(onChange);
  // Changes from other instances may have been missed while Redis was away (the recommender's caches
  // start over at the same moment): every list is recomputed in the background lane, so user
  // events keep their priority, and pushed where it changed.
  const stopResync = deps.changes.onResync(() => {
    for (const subs of bySubscriber.values())
      for (const sub of subs.values()) request(sub, 'item-change');
  });

  function onChange(change: Change): void {
    if (change.kind === 'user-event') {
      const found = registry.findByUsers(change.siteId, change.users);
      for (const sub of found) request(sub, 'user-event');
      if (change.eventTypes.includes('login') && found.size > 0)
        void followLogins(change.siteId, found);
    } else if (change.kind === 'item-change') {
      const ids = change.items.map((item) => item.id);
      const affected = registry.findByItems(change.siteId, ids, ['source', 'shown']);
      if (change.removed) refresher.removeItems(change.siteId, ids, affected);
      else refresher.restoreItems(change.siteId, ids);
      for (const sub of affected) request(sub, 'catalog');
    } else if (change.kind === 'similarity') {
      // A list follows the similarity of the items it is computed from, not of the items it shows.
      for (const sub of registry.findByItems(
        change.siteId,
        change.items.map((item) => item.id),
        ['source'],
      ))
        request(sub, 'item-change');
    }
  }

  /**
   * After a login the known id speaks for the anonymous one: events sent for it must reach a
   * subscription made for the anonymous id. The graph says which merge happened (a batch may mix
   * users, so the change's user list alone would be too broad).
   */
  async function followLogins(siteId: string, subs: Set<Subscription>): Promise<void> {
    if (!deps.resolveUsers) return;
    try {
      const resolved = await deps.resolveUsers(siteId, [
        ...new Set([...subs].map((sub) => sub.request.user)),
      ]);
      for (const sub of subs) {
        const known = resolved.get(sub.request.user);
        if (sub.closed || known === undefined || known === sub.request.user) continue;
        registry.addUsers(sub, [known]);
        sub.recommendUser = known;
        request(sub, 'user-event'); // events for the known id may have landed while the merge was being looked up
      }
    } catch (error) {
      logger.warn({ err: error, siteId }, 'could not resolve a login for live subscriptions');
    }
  }

  function remove(sub: Subscription): void {
    sub.closed = true;
    registry.remove(sub);
    refresher.forget(sub);
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
        throw new AppError(
          'TOO_MANY_SUBSCRIPTIONS',
          `A connection may hold ${options.maxSubscriptionsPerConnection} subscriptions; unsubscribe one first.`,
          { field: 'id' },
        );
      }
      if (existing) remove(existing);
      const sub = createSubscription(siteId, subscriber, message);
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
    stats: () => ({ subscriptions: registry.count(), recomputes: refresher.stats() }),
    close(): void {
      stopListening();
      stopResync();
      for (const subs of [...bySubscriber.values()])
        for (const sub of [...subs.values()]) remove(sub);
    },
  };
}

export type LiveSubscriptions = ReturnType<typeof createLiveSubscriptions>;
