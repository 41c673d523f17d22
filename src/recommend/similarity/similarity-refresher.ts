import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChangeBus } from '../../changes/change-bus.js';
import type { CypherRegistry } from '../../graph/cypher-registry.js';
import type { QueryExecutor } from '../../graph/query-executor.js';
import type { Logger } from '../../logging/logger.js';
import {
  delayAfterBusyRound,
  PAUSE_CHECK_MS,
  shareLeftByWrites,
  sliceOf,
  stretchedByWrites,
} from '../../background/make-way.js';
import { refreshPopularity, takeWithinEdgeBudget } from './popularity-refresh.js';
import {
  refreshItems,
  SIMILARITY_FAMILIES,
  type DirtyItem,
  type RefreshResult,
} from './refresh-items.js';

export type { RefreshResult } from './refresh-items.js';

const DAY_MS = 86_400_000;

/** Every knob of the refresher, with its default (docs/adr/0005-similarity.md explains the values). */
export const REFRESHER_DEFAULTS = {
  intervalMs: 1_000,
  /** A site with events is refreshed this long after the first of them (events arriving together share a round). */
  wakeDelayMs: 50,
  /** Newest dirty items of a site with events, per round (fast lane). */
  freshBatchSize: 20,
  /**
   * An item is recomputed at most once per this long (SIMILARITY_MIN_INTERVAL_MS): events on an
   * item recomputed less than this ago mark it due at the end of the interval. Under bench:live
   * (200 items, 100 events/s) every item was recomputed every few seconds, and the refresher's
   * reads, writes and the similarity pushes they caused took the cores event writes need: push
   * p99 63-138 ms without the interval, 21-28 ms with background work off, 44-60 ms with 10 s
   * (ADR 0005).
   */
  minIntervalMs: 10_000,
  /** Oldest dirty items of any site per round (backlog lane), in steps, for at most backlogBudgetMs. */
  batchSize: 50,
  backlogStep: 5,
  backlogBudgetMs: 1_000,
  /** Edges read from an item to pick its sample of users, and users kept in the sample. */
  scanLimit: 5_000,
  sampleSize: 500,
  /** Users with more interactions of a family than this are robots for that family's co-occurrence. */
  maxUserItems: 1_000,
  /** Each co-occurring user counts 1 / degree^iufExponent (heavy users count a little less). */
  iufExponent: 0.2,
  alsoK: 50,
  personalizedK: 100,
  personalizedFanout: 100,
  alpha: 0.3,
  changeThreshold: 0.01,
  popularityWindowMs: 7 * DAY_MS,
  stalePopularityMs: 3_600_000,
  /**
   * Stale popularity scores are recomputed in small slices: reading the interactions of 500 items
   * at once, once a minute, kept a Neo4j core busy for over 100 ms, long enough to show in the
   * request tail under bench:recommend. 50 items every 6 s is the same pace in short bursts.
   */
  sweepIntervalMs: 6_000,
  sweepBatchSize: 50,
  /**
   * And at most this many interactions per slice: 50 best-sellers of the 1M-interaction benchmark
   * site hold 173,000, a read of ~320 ms (a single best-seller ~25 ms). A read over 100 ms still
   * showed in bench:recommend's also_bought phase with 50 items per slice.
   */
  sweepEdgeBudget: 5_000,
  writeChunk: 5_000,
  errorBackoffMs: 5_000,
  /** Several instances share one backlog: the holder of this lease works it (and the sweep). */
  leaseTtlMs: 10_000,
  /**
   * While this instance is writing events, each statement of a round is followed by a pause of
   * this many times its own length (at most maxYieldMs), both stretched by 1 / (1 - the writer's
   * load) (background/make-way.ts; createStatementPacer below): ingestion gets most of the
   * database, and similarity catches up a little later instead of slowing every write.
   */
  yieldFactor: 2,
  maxYieldMs: 2_000,
  /**
   * While events are being written, a round takes no more items than its heaviest co-occurrence
   * read is expected to handle in about this long, and a write no more edges (from what the
   * recent statements cost per element); each statement is followed by its own pause (the yield
   * above), not the round as a whole. Twenty popular items made a read of ~570 ms on the
   * ingestion benchmark's site and one ~25-37 ms; a read holds a Neo4j core as long, and a write
   * of SIMILAR edges locks its items until it commits, while every event flush writes the items it
   * touches. In one bench:ingest run a 524-ms read of 15 items and a 509-ms edge write ran
   * while the 199 slowest single-event requests were sent (within 0.4 s; ~300 ms in the service).
   */
  busyStatementMs: 30,
};
export type RefresherSettings = typeof REFRESHER_DEFAULTS;

const QUERIES = [
  ...SIMILARITY_FAMILIES.map((family) => family.query),
  'recommend/find-dirty-items',
  'recommend/find-site-dirty-items',
  'recommend/clear-dirty-marks',
  'recommend/write-similar-edges',
  'recommend/prune-similar-edges',
  'recommend/write-similarity-floors',
  'recommend/read-item-popularity',
  'recommend/write-item-popularity',
  'recommend/find-stale-popularity',
  'recommend/claim-lease',
  'recommend/release-lease',
];

const BACKLOG_LEASE = 'similarity-backlog';

export interface RefresherDeps {
  executor: QueryExecutor;
  registry: CypherRegistry;
  changes: ChangeBus;
  logger: Logger;
  settings?: Partial<RefresherSettings>;
  now?: () => number;
  /** True while events are being written by this instance (the refresher then makes way). */
  writing?: () => boolean;
  /** How busy this instance's event writer is, 0-1 (the busier, the longer the refresher waits). */
  writeLoad?: () => number;
}

export type SimilarityRefresher = ReturnType<typeof createSimilarityRefresher>;

/**
 * Keeps SIMILAR top-k lists and popularity scores fresh from the items tracking marked dirty.
 * Two lanes per round: a fast lane for the sites whose `user-event` changes just arrived (their
 * newest marks, started within ~50 ms), and a time-boxed backlog lane (oldest marks of any site),
 * so a large import never delays fresh events by more than about a second.
 */
export function createSimilarityRefresher(deps: RefresherDeps) {
  const { changes, logger } = deps;
  const settings: RefresherSettings = { ...REFRESHER_DEFAULTS, ...deps.settings };
  const now = deps.now ?? Date.now;
  const pacer = createStatementPacer(deps, settings, () => running);
  const executor = pacer.executor;
  // In the loop's rounds, under sustained ingestion, a hot item cools down longer:
  // minIntervalMs / (1 - the writer's load), up to ten times (ADR 0005). Idle or lightly loaded,
  // and in refreshOnce and refreshUntilClean (unpaced, like their statements), minIntervalMs.
  const cooldownMs = (): number =>
    pacer.pacing()
      ? stretchedByWrites(settings.minIntervalMs, {
          writing: deps.writing?.() ?? false,
          load: deps.writeLoad?.(),
        })
      : settings.minIntervalMs;
  const context = { executor, changes, settings, now, chunkFor: pacer.chunkFor, cooldownMs };
  for (const name of QUERIES) deps.registry.get(name);
  const pendingSites = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let nextRunAt = Number.POSITIVE_INFINITY;
  let running = false;
  let busy = false;
  let current: Promise<unknown> = Promise.resolve();
  let lastSweep = 0;
  /**
   * The end of a pause made for event writes (performance.now()): while events are still being
   * written, new events do not wake the loop before it.
   */
  let yieldUntil = 0;
  /** After a failed backlog round: the backlog waits until then, the fast lane does not. */
  let backlogPausedUntil = 0;
  const leaseOwner = randomUUID();
  /** This instance's view of the backlog lease: whether its last claim won, and when to claim again. */
  const lease = { held: false, nextClaimAt: 0 };

  const unsubscribe = changes.subscribe((change) => {
    if (change.kind !== 'user-event') return;
    pendingSites.add(change.siteId);
    if (running && !busy)
      schedule(
        Math.max(settings.wakeDelayMs, Math.min(PAUSE_CHECK_MS, yieldUntil - performance.now())),
      );
  });

  async function refreshSite(
    siteId: string,
    limit: number,
    dueBy: number = now(),
  ): Promise<RefreshResult> {
    return refreshItems(
      context,
      await executor.run<DirtyItem>('recommend/find-site-dirty-items', { siteId, limit, dueBy }),
    );
  }

  /** `share` (0-1) of freshBatchSize items per site: fewer while events are being written. */
  async function refreshFastLane(dueBy?: number, share = 1): Promise<RefreshResult> {
    const total = { items: 0, changed: 0 };
    const batchSize = Math.min(sliceOf(settings.freshBatchSize, share), pacer.itemsPerRead());
    const sites = [...pendingSites];
    pendingSites.clear();
    for (const [index, siteId] of sites.entries()) {
      let result: RefreshResult;
      try {
        result = await refreshSite(siteId, batchSize, dueBy);
      } catch (error) {
        // the sites not refreshed stay pending: an error must not leave their events unseen
        for (const pending of sites.slice(index)) pendingSites.add(pending);
        throw error;
      }
      if (result.items >= batchSize) pendingSites.add(siteId); // more to do: next round
      add(total, result);
    }
    return total;
  }

  /** `share` (0-1) of the usual batch and time budget: less while events are being written. */
  async function refreshBacklog(dueBy?: number, share = 1): Promise<RefreshResult> {
    const total = { items: 0, changed: 0 };
    const started = now();
    const items = sliceOf(settings.batchSize, share, settings.backlogStep);
    const step = Math.min(settings.backlogStep, pacer.itemsPerRead());
    const budgetMs = settings.backlogBudgetMs * share;
    while (total.items < items && now() - started < budgetMs && pendingSites.size === 0) {
      const result = await refreshItems(
        context,
        await executor.run<DirtyItem>('recommend/find-dirty-items', {
          limit: step,
          dueBy: dueBy ?? now(),
        }),
      );
      add(total, result);
      if (result.items < step) break;
    }
    return total;
  }

  /**
   * One round: the fast lane, then the backlog; with a site, only that site's dirty items. Items
   * due by `dueBy` (default now; refreshUntilClean takes every mark, within its interval or not).
   */
  async function refreshOnce(
    options: { siteId?: string; backlog?: boolean; dueBy?: number } = {},
  ): Promise<RefreshResult> {
    if (options.siteId !== undefined)
      return refreshSite(options.siteId, settings.batchSize, options.dueBy);
    const total = await refreshFastLane(options.dueBy);
    if (options.backlog !== false) add(total, await refreshBacklog(options.dueBy));
    return total;
  }

  /**
   * True while this instance holds the backlog lease. Claimed (or renewed) at most every third of
   * its TTL, not in every round: a busy site's events start a round every few tens of
   * milliseconds, and each claim is a write transaction.
   */
  async function holdBacklogLease(): Promise<boolean> {
    if (now() < lease.nextClaimAt) return lease.held;
    const [row] = await executor.run<{ owner: string }>('recommend/claim-lease', {
      name: BACKLOG_LEASE,
      owner: leaseOwner,
      now: now(),
      ttlMs: settings.leaseTtlMs,
    });
    lease.held = row?.owner === leaseOwner;
    lease.nextClaimAt = now() + settings.leaseTtlMs / 3;
    return lease.held;
  }

  async function sweepStalePopularity(share = 1): Promise<number> {
    const stale = await executor.run<{ item: string; edges: number }>(
      'recommend/find-stale-popularity',
      { before: now() - settings.stalePopularityMs, limit: settings.sweepBatchSize },
    );
    const slice = takeWithinEdgeBudget(stale, settings.sweepEdgeBudget * share);
    if (slice.length > 0)
      await refreshPopularity(
        context,
        slice.map((row) => row.item),
      );
    return slice.length;
  }

  async function loop(): Promise<void> {
    // A pause made for event writes ends as soon as the writes stop: it is checked every
    // PAUSE_CHECK_MS rather than slept through (under a busy writer it can last 20 s).
    const paused = performance.now() < yieldUntil;
    if (paused && (deps.writing?.() ?? false)) {
      schedule(Math.min(PAUSE_CHECK_MS, yieldUntil - performance.now()));
      return;
    }
    if (paused) yieldUntil = 0;
    busy = true;
    let delay = settings.intervalMs;
    const writingBefore = deps.writing?.() ?? false;
    // smaller rounds while events are being written: shorter bursts on the database (make-way.ts)
    const share = shareLeftByWrites({ writing: writingBefore, load: deps.writeLoad?.() });
    try {
      await pacer.paced(async () => {
        const leader = await holdBacklogLease();
        const result = await refreshFastLane(undefined, share);
        if (leader && now() >= backlogPausedUntil) {
          try {
            add(result, await refreshBacklog(undefined, share));
          } catch (error) {
            // a failing backlog (e.g. an item deleted under it) waits; fresh events do not
            logger.warn({ err: error }, 'similarity backlog refresh failed; retrying');
            backlogPausedUntil = now() + settings.errorBackoffMs;
          }
        }
        if (result.items > 0 || pendingSites.size > 0) {
          // every statement of the round was followed by its pause but the last: that one is owed
          delay = Math.max(0, pacer.pauseOwedUntil() - performance.now());
          yieldUntil = performance.now() + delay;
          delay = Math.min(delay, PAUSE_CHECK_MS);
        }
        if (leader && now() - lastSweep >= settings.sweepIntervalMs) {
          lastSweep = now();
          await sweepStalePopularity(share);
        }
      });
    } catch (error) {
      logger.warn({ err: error }, 'similarity refresh failed; retrying');
      // pending sites (put back by the fast lane) are tried again after one interval
      delay = pendingSites.size > 0 ? settings.intervalMs : settings.errorBackoffMs;
    } finally {
      busy = false;
    }
    if (running) schedule(delay);
  }

  /** Runs the loop after `delay`, unless it is already due sooner (a stream of events must not postpone it). */
  function schedule(delay: number): void {
    if (now() + delay >= nextRunAt) return;
    clearTimeout(timer);
    nextRunAt = now() + delay;
    timer = setTimeout(() => {
      nextRunAt = Number.POSITIVE_INFINITY;
      current = loop();
    }, delay);
  }

  return {
    settings,
    refreshOnce,
    sweepStalePopularity,
    /**
     * Refreshes until no dirty item is left (of the site, or anywhere), due or not: for tests,
     * imports and benchmarks.
     */
    async refreshUntilClean(
      options: { siteId?: string; maxRounds?: number } = {},
    ): Promise<RefreshResult> {
      const total = { items: 0, changed: 0 };
      for (let round = 0; round < (options.maxRounds ?? 100_000); round += 1) {
        const result = await refreshOnce({ ...options, dueBy: Number.MAX_SAFE_INTEGER });
        add(total, result);
        if (result.items === 0) break;
      }
      return total;
    },
    start(): void {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop(): Promise<void> {
      running = false;
      lease.held = false;
      unsubscribe();
      clearTimeout(timer);
      await current.catch(() => undefined);
      // Hand the backlog to another instance at once instead of after the lease expires.
      await executor
        .run('recommend/release-lease', { name: BACKLOG_LEASE, owner: leaseOwner })
        .catch(() => undefined);
    },
  };
}

/**
 * The refresher's statements, paced while events are being written (in the loop's rounds only:
 * refreshOnce and refreshUntilClean run unpaced). Each statement is followed by a pause of its
 * own length times yieldFactor / (1 - the writer's load), at most maxYieldMs / (1 - load)
 * (delayAfterBusyRound), taken before the next statement and ended early when the writes stop:
 * the round's pauses add up to what one pause after the whole round was, but the round reaches
 * the database as short bursts instead of a second of back-to-back statements. The pacer also
 * learns what each statement costs per element of its list (items read, edges written), so that
 * rounds and writes are sized by time (busyStatementMs).
 */
function createStatementPacer(
  deps: RefresherDeps,
  settings: RefresherSettings,
  running: () => boolean,
) {
  const reads = SIMILARITY_FAMILIES.map((family) => family.query);
  /**
   * Per statement: what one element of its list parameter (items, edges, marks...) costs, in ms:
   * the worst of the recent statements (a new figure replaces a smaller one; a larger one fades
   * by a fifth per statement), so a read of one costly item is not averaged away by cheap ones.
   */
  const msPerElement = new Map<string, number>();
  let pacing = false;
  /** performance.now() until which the next statement of a paced round waits. */
  let pauseUntil = 0;
  const writing = (): boolean => deps.writing?.() ?? false;

  async function waitForTurn(): Promise<void> {
    while (pacing && running() && writing() && performance.now() < pauseUntil)
      await sleep(Math.min(PAUSE_CHECK_MS, pauseUntil - performance.now()));
  }

  function observe(name: string, params: Record<string, unknown> | undefined, ms: number): void {
    const list = Object.values(params ?? {}).find((value) => Array.isArray(value));
    const elements = (list as unknown[] | undefined)?.length ?? 0;
    if (elements > 0)
      msPerElement.set(name, Math.max(ms / elements, 0.8 * (msPerElement.get(name) ?? 0)));
    if (pacing)
      pauseUntil =
        performance.now() +
        delayAfterBusyRound({
          roundMs: ms,
          writing: writing(),
          load: deps.writeLoad?.(),
          settings,
        });
  }

  /** How many elements a statement (its recent cost known) takes while events are written: about busyStatementMs' worth, at least one. */
  function sizeFor(names: readonly string[], usual: number): number {
    const costs = names.map((name) => msPerElement.get(name) ?? 0);
    const cost = Math.max(0, ...costs);
    if (!writing() || cost === 0) return usual;
    return Math.min(usual, Math.max(1, Math.floor(settings.busyStatementMs / cost)));
  }

  const executor: QueryExecutor = {
    ...deps.executor,
    async run(name, params, options) {
      await waitForTurn();
      const started = performance.now();
      try {
        return await deps.executor.run(name, params, options);
      } finally {
        observe(name, params, performance.now() - started);
      }
    },
  };

  return {
    executor,
    /** Items per co-occurrence read: any number while no events are written, else what busyStatementMs allows (at least one). */
    itemsPerRead: (): number => sizeFor(reads, Number.POSITIVE_INFINITY),
    /** Elements per statement `name` (e.g. edges per write) while events are written; else `usual`. */
    chunkFor: (name: string, usual: number): number => sizeFor([name], usual),
    /** True inside `paced`: a round of the loop, not refreshOnce or refreshUntilClean. */
    pacing: (): boolean => pacing,
    /** Runs `round` with its statements paced. */
    async paced(round: () => Promise<void>): Promise<void> {
      pacing = true;
      try {
        await round();
      } finally {
        pacing = false;
      }
    },
    /** When the pause after the last paced statement ends (0 or past: none owed). */
    pauseOwedUntil: () => pauseUntil,
  };
}

function add(total: RefreshResult, result: RefreshResult): void {
  total.items += result.items;
  total.changed += result.changed;
}
