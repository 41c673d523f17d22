import { setTimeout as sleep } from 'node:timers/promises';
import {
  delayAfterBusyRound,
  PAUSE_CHECK_MS,
  shareLeftByWrites,
  sliceOf,
} from '../background/make-way.js';
import { createPeriodicTask } from '../background/periodic-task.js';
import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import type { Logger } from '../logging/logger.js';
import {
  ATTRIBUTION_WINDOW_MS,
  countEvents,
  type CountedEvent,
  sortCounters,
} from './stats-counters.js';

export const ROLLUP_DEFAULTS = {
  /**
   * Events are counted once every write that could still commit with an older storedAt has
   * finished: a flush stamps storedAt before its statement runs, and a statement may take its
   * timeout plus retries. The rollup stays this far behind the clock (GET /v1/stats says where
   * it stands).
   */
  settleMs: 60_000,
  /**
   * The storedAt range read first (from the next stored event on); narrowed to what one read
   * held when it held more than maxEvents, doubled (up to a day) while ranges hold few.
   */
  stepMs: 60_000,
  maxStepMs: 24 * 60 * 60_000,
  /**
   * Events read and counted per range (one transaction). 20,000 made reads of ~330 ms, which held
   * one of the two cores while bench:ingest wrote 1,000 single events/s. Fewer while events are
   * being written: the share the writer leaves free (make-way.ts).
   */
  maxEvents: 2_000,
  intervalMs: 10_000,
  /** Bounds one run (a backlog after downtime is worked off over several runs). */
  maxRangesPerRun: 300,
  /**
   * While events are being written, each range is followed by a pause this many times its length
   * (at most maxYieldMs), both stretched by 1 / (1 - the writer's load) (background/make-way.ts).
   */
  yieldFactor: 2,
  maxYieldMs: 2_000,
} as const;

/** The rollup's shared cursor (a StatsCursor node); the event pruner deletes only events behind it. */
export const ROLLUP_CURSOR = 'events';
const STATEMENTS = {
  readCursor: 'stats/read-cursor',
  readNext: 'stats/read-next-stored-at',
  readEvents: 'stats/read-events-in-range',
  resolvePeople: 'stats/resolve-people',
  readClicks: 'stats/read-recommended-clicks',
  apply: 'stats/apply-rollup',
} as const;

export interface StatsRollup {
  /** Counts every event stored up to now − settle (bounded per call); returns how many. */
  rollupOnce(): Promise<number>;
  /** Events stored at or before this time (epoch ms) are counted; null before the first rollup. */
  countedUntil(): Promise<number | null>;
  /** The cursor as this instance's rollup last saw it (for /metrics); null until it ran. */
  lastSeenCursor(): number | null;
  start(): void;
  stop(): Promise<void>;
}

export interface StatsRollupDeps {
  executor: QueryExecutor;
  registry: CypherRegistry;
  logger: Logger;
  now?: () => number;
  settleMs?: number;
  intervalMs?: number;
  maxEvents?: number;
  /** True while this instance is writing events: the rollup then makes way between ranges. */
  writing?: () => boolean;
  /** How busy this instance's event writer is, 0-1 (the busier, the longer the pauses). */
  writeLoad?: () => number;
}

/**
 * Turns stored events (the Event idempotency records, kept 7 days) into durable daily counters
 * (DailyStat nodes) in the background, exactly once: each storedAt range is counted in the same
 * transaction that moves a shared cursor past it, and only if the cursor was still before it, so
 * several instances may run the rollup at once. The write path of events pays nothing for it.
 */
export function createStatsRollup(deps: StatsRollupDeps): StatsRollup {
  for (const name of Object.values(STATEMENTS)) deps.registry.get(name);
  const { executor, logger } = deps;
  const now = deps.now ?? Date.now;
  const settleMs = deps.settleMs ?? ROLLUP_DEFAULTS.settleMs;
  const intervalMs = deps.intervalMs ?? ROLLUP_DEFAULTS.intervalMs;
  const maxEvents = deps.maxEvents ?? ROLLUP_DEFAULTS.maxEvents;
  let lastSeen: number | null = null;
  /** Set by stop(): a run in progress ends after its current range instead of working off a backlog. */
  let stopping = false;
  /** Ends a pause between ranges at once on stop() (a pause under a busy writer lasts up to 20 s). */
  let pauses = new AbortController();

  /** Waits up to `ms` while events are being written: ends when they stop, or at once on stop(). */
  async function pauseForWrites(ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (!stopping && performance.now() < until) {
      await sleep(Math.min(PAUSE_CHECK_MS, until - performance.now()), undefined, {
        signal: pauses.signal,
      }).catch(() => undefined);
      if (!(deps.writing?.() ?? false)) return;
    }
  }

  async function readCursor(): Promise<number | null> {
    const [row] = await executor.run<{ until: number }>(STATEMENTS.readCursor, {
      name: ROLLUP_CURSOR,
    });
    return row?.until ?? null;
  }

  async function nextStoredAt(after: number): Promise<number | null> {
    const [row] = await executor.run<{ storedAt: number }>(STATEMENTS.readNext, { after });
    return row?.storedAt ?? null;
  }

  /** Where counting starts: the cursor, or just before the oldest stored event. */
  async function startingPoint(limit: number): Promise<number> {
    const cursor = await readCursor();
    if (cursor !== null) return (lastSeen = cursor);
    const oldest = await nextStoredAt(-1);
    return oldest === null ? limit : Math.min(oldest - 1, limit);
  }

  async function countRange(after: number, until: number, events: CountedEvent[]) {
    const users = new Map<string, { siteId: string; user: string }>();
    for (const event of events)
      if ((event.type === 'buy' || event.type === 'click_recommended') && event.user && event.item)
        users.set(JSON.stringify([event.siteId, event.user]), {
          siteId: event.siteId,
          user: event.user,
        });
    const people = new Map<string, string>();
    if (users.size > 0)
      for (const row of await executor.run<{ siteId: string; user: string; person: string }>(
        STATEMENTS.resolvePeople,
        { users: [...users.values()] },
      ))
        people.set(JSON.stringify([row.siteId, row.user]), row.person);
    const personOf = (siteId: string, user: string) =>
      people.get(JSON.stringify([siteId, user])) ?? user;

    const buys = events.flatMap((event, key) =>
      event.type === 'buy' && event.user && event.item
        ? [
            {
              key,
              siteId: event.siteId,
              person: personOf(event.siteId, event.user),
              itemType: event.itemType,
              item: event.item,
              from: event.at - ATTRIBUTION_WINDOW_MS,
              to: event.at,
            },
          ]
        : [],
    );
    const earlier = new Map<number, string>();
    if (buys.length > 0)
      for (const row of await executor.run<{ key: number; scenario: string }>(
        STATEMENTS.readClicks,
        { buys },
      ))
        earlier.set(row.key, row.scenario);

    const { counters, clicks } = countEvents(events, {
      personOf,
      earlierClick: (index) => earlier.get(index),
    });
    const [applied] = await executor.run<{ applied: boolean }>(STATEMENTS.apply, {
      name: ROLLUP_CURSOR,
      after,
      until,
      now: now(),
      counters: sortCounters(counters),
      clicks,
    });
    return applied?.applied === true;
  }

  const readEvents = (after: number, until: number, limit: number) =>
    executor.run<CountedEvent & { storedAt: number }>(STATEMENTS.readEvents, {
      after,
      until,
      limit,
    });

  /**
   * The events of (after, until], or of a narrower range when more than `limit`: up to the last
   * millisecond read in full (a flush stamps one storedAt on all its rows, so a range never splits
   * a millisecond). One read, oldest first; a millisecond holding more than `limit` on its own
   * (a few flushes at most) is read whole.
   */
  async function nextRange(after: number, until: number, limit: number) {
    const rows = await readEvents(after, until, limit + 1);
    if (rows.length <= limit) return { until, events: rows };
    const cut = rows[limit]!.storedAt - 1;
    const events = rows.filter((row) => row.storedAt <= cut);
    if (events.length > 0) return { until: cut, events };
    return { until: cut + 1, events: await readEvents(after, cut + 1, Number.MAX_SAFE_INTEGER) };
  }

  async function rollupOnce(): Promise<number> {
    const limit = now() - settleMs;
    let after = await startingPoint(limit);
    let step: number = ROLLUP_DEFAULTS.stepMs;
    let counted = 0;
    for (
      let range = 0;
      range < ROLLUP_DEFAULTS.maxRangesPerRun && after < limit && !stopping;
      range += 1
    ) {
      const started = now();
      // fewer events per range while events are being written: shorter bursts (make-way.ts)
      const rangeEvents = sliceOf(
        maxEvents,
        shareLeftByWrites({ writing: deps.writing?.() ?? false, load: deps.writeLoad?.() }),
      );
      // a quiet stretch (no event stored in it) is skipped in the same range
      const next = await nextStoredAt(after);
      const end =
        next === null || next > limit ? limit : Math.min(limit, Math.max(after, next - 1) + step);
      const { until, events } = await nextRange(after, end, rangeEvents);
      if (await countRange(after, until, events)) {
        counted += events.length;
        if (until < end) step = Math.max(1, until - Math.max(after, (next ?? until) - 1));
        else if (events.length < rangeEvents / 4)
          step = Math.min(ROLLUP_DEFAULTS.maxStepMs, step * 2);
        after = until;
        lastSeen = until;
      } else {
        // another instance counted this range meanwhile: continue from where it stands
        after = lastSeen = (await readCursor()) ?? after;
      }
      const pause = delayAfterBusyRound({
        roundMs: now() - started,
        writing: deps.writing?.() ?? false,
        load: deps.writeLoad?.(),
        settings: ROLLUP_DEFAULTS,
      });
      if (pause > 0 && after < limit && !stopping) await pauseForWrites(pause);
    }
    if (counted > 0) logger.debug({ events: counted }, 'statistics: events counted');
    return counted;
  }

  const task = createPeriodicTask(rollupOnce, {
    intervalMs,
    onError: (error) =>
      logger.warn({ err: error }, 'statistics rollup failed; the next run retries the range'),
  });

  return {
    rollupOnce,
    countedUntil: readCursor,
    lastSeenCursor: () => lastSeen,
    start() {
      stopping = false;
      pauses = new AbortController();
      task.start();
    },
    async stop() {
      stopping = true;
      pauses.abort();
      await task.stop();
    },
  };
}
