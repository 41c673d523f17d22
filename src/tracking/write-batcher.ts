import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { EventRow } from './event-rows.js';
import type { EventStore } from './event-store.js';
import { planFlush, resolveOutcomes, type RowOutcome } from './plan-flush.js';

export interface WriteBatcherOptions {
  store: EventStore;
  logger: Logger;
  /** A flush takes queued rows, oldest first, up to this many. */
  maxRowsPerFlush: number;
  /**
   * Shared with the other batchers writing to the same database at the same time: rows whose user
   * another batcher's flush holds wait for a later flush (see UserLocks).
   */
  userLocks?: UserLocks;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  now?: () => number;
}

export interface WriteBatcher {
  /** Resolves with one outcome per row once they are committed; rejects when they could not be. */
  submit(rows: EventRow[]): Promise<RowOutcome[]>;
  /** Refuses new rows and waits for queued and in-flight ones. */
  close(): Promise<void>;
  /** True while rows are queued or being written, or were within `recentMs`: background work can make way. */
  busy(recentMs?: number): boolean;
  /** Rows waiting for a flush (not those being written). */
  queued(): number;
  /** The share (0-1) of the last `windowMs` with a transaction in flight: how busy the writer is. */
  load(windowMs: number): number;
}

/**
 * The users in the flushes in flight of several batchers. Writing an event locks its user until
 * commit, so a flush that meets a user another flush holds waits for that whole transaction; two
 * partitions' flushes shared a few users nearly every time and spent a quarter of their time
 * blocked (bench:ingest). A batcher leaves such rows for its next flush instead, a bounded number
 * of times (MAX_DEFERRALS), so a user active in every flush still gets written.
 */
export interface UserLocks {
  /** How many flushes in flight hold this user. */
  holders(user: string): number;
  hold(users: Iterable<string>): void;
  release(users: Iterable<string>): void;
  /** Called after every release: batchers with deferred rows may flush them now. */
  onRelease(listener: () => void): void;
}

/** The longest window `load` looks back over. */
export const MAX_LOAD_WINDOW_MS = 10_000;

/** How many times a row may be passed over because another flush holds its user. */
export const MAX_DEFERRALS = 3;

export function createUserLocks(): UserLocks {
  const held = new Map<string, number>();
  const listeners: (() => void)[] = [];
  return {
    holders: (user) => held.get(user) ?? 0,
    hold(users) {
      for (const user of users) held.set(user, (held.get(user) ?? 0) + 1);
    },
    release(users) {
      for (const user of users) {
        const count = (held.get(user) ?? 0) - 1;
        if (count > 0) held.set(user, count);
        else held.delete(user);
      }
      for (const listener of listeners) listener();
    },
    onRelease: (listener) => void listeners.push(listener),
  };
}

/** The users a row locks when written: its own and, for a login, the known user it merges into. */
export function lockedUsers(row: EventRow): string[] {
  const own = `${row.siteId}\u0000${row.user}`;
  return row.knownUser ? [own, `${row.siteId}\u0000${row.knownUser}`] : [own];
}

interface PendingRequest {
  outcomes: RowOutcome[];
  /** Rows not yet written. */
  remaining: number;
  settled: boolean;
  resolve(outcomes: RowOutcome[]): void;
  reject(error: unknown): void;
}

interface PendingRow {
  request: PendingRequest;
  position: number;
  row: EventRow;
  /** lockedUsers(row), worked out once when queued (none without shared user locks). */
  users: string[];
  deferrals: number;
}

/**
 * Group commit: rows arriving while the transaction is in flight wait and are written together in
 * the next one (one UNWIND statement), so throughput grows with load while an idle service writes
 * a lone request at once. Every request settles only after all of its rows are committed.
 * One transaction at a time: concurrency comes from several batchers (partitioned-writer.ts),
 * which keep out of each other's users through `userLocks`.
 */
export function createWriteBatcher(options: WriteBatcherOptions): WriteBatcher {
  const { store, logger, maxRowsPerFlush, userLocks } = options;
  const clock = options.now ?? (() => performance.now());
  const queue: PendingRow[] = [];
  let inFlight = 0;
  /** When each recent transaction started and ended (oldest first; dropped past MAX_LOAD_WINDOW_MS). */
  const flushes: { start: number; end: number }[] = [];
  let flushStartedAt = 0;
  let scheduled = false;
  let closed = false;
  let lastSettledAt = Number.NEGATIVE_INFINITY;
  let idle: (() => void) | undefined;

  userLocks?.onRelease(() => schedule());

  function schedule(): void {
    if (scheduled || queue.length === 0 || inFlight > 0) return;
    scheduled = true;
    // setImmediate lets requests parsed in the same turn of the event loop join this flush.
    setImmediate(() => {
      scheduled = false;
      if (queue.length === 0 || inFlight > 0) return;
      const group = takeGroup();
      // Every queued row's user is in another batcher's flush: its release schedules again.
      if (group.length === 0) return;
      const users = new Set(group.flatMap((pending) => pending.users));
      userLocks?.hold(users);
      inFlight += 1;
      flushStartedAt = clock();
      void flush(group).finally(() => {
        inFlight -= 1;
        lastSettledAt = clock();
        flushes.push({ start: flushStartedAt, end: lastSettledAt });
        while (flushes.length > 0 && flushes[0]!.end < lastSettledAt - MAX_LOAD_WINDOW_MS)
          flushes.shift();
        if (inFlight === 0 && queue.length === 0) idle?.();
        if (userLocks) userLocks.release(users);
        else schedule();
      });
    });
  }

  /**
   * Takes up to maxRowsPerFlush rows, oldest first, leaving those whose user another flush holds
   * (each at most MAX_DEFERRALS times). A row sharing an event id with a row left behind stays
   * behind too, so the first of them is still the one stored.
   */
  function takeGroup(): PendingRow[] {
    const group: PendingRow[] = [];
    const left: PendingRow[] = [];
    const passedOver: PendingRow[] = [];
    const deferredIds = new Set<string>();
    let taken = 0;
    for (const pending of queue) {
      if (taken >= maxRowsPerFlush) {
        left.push(pending);
        continue;
      }
      const key = `${pending.row.siteId}\u0000${pending.row.id}`;
      const held =
        userLocks !== undefined &&
        pending.deferrals < MAX_DEFERRALS &&
        pending.users.some((user) => userLocks.holders(user) > 0);
      if (held || deferredIds.has(key)) {
        deferredIds.add(key);
        passedOver.push(pending);
        left.push(pending);
        continue;
      }
      group.push(pending);
      taken += 1;
    }
    queue.splice(0, queue.length, ...left);
    // Every pass counts, even one that starts no flush: another batcher that keeps a user in every
    // flush it writes would otherwise hold this batcher's rows of that user for ever.
    for (const pending of passedOver) pending.deferrals += 1;
    return group;
  }

  function settle(request: PendingRequest, error?: unknown): void {
    if (request.settled) return;
    request.settled = true;
    if (error === undefined) request.resolve(request.outcomes);
    else request.reject(error);
  }

  /** A failed request's rows still queued are not written: the client sends them again. */
  function dropQueuedRowsOf(requests: Set<PendingRequest>): void {
    const kept = queue.filter((pending) => !requests.has(pending.request));
    queue.splice(0, queue.length, ...kept);
  }

  async function flush(group: PendingRow[]): Promise<void> {
    const live = group.filter((pending) => !pending.request.settled);
    if (live.length === 0) return;
    const rows = live.map((pending) => pending.row);
    const plan = planFlush(rows);
    const started = performance.now();
    try {
      const outcomes = resolveOutcomes(rows, plan, await store.write(plan.leaders));
      logger.debug(
        { rows: rows.length, ms: Math.round(performance.now() - started) },
        'event flush',
      );
      live.forEach((pending, index) => {
        pending.request.outcomes[pending.position] = outcomes[index]!;
        pending.request.remaining -= 1;
        if (pending.request.remaining === 0) settle(pending.request);
      });
    } catch (error) {
      const requests = new Set(live.map((pending) => pending.request));
      const unavailable = error instanceof AppError && error.code === 'NEO4J_UNAVAILABLE';
      if (unavailable) {
        // Requests queued meanwhile would wait a whole failing attempt more: answer them now too.
        for (const pending of queue.splice(0)) requests.add(pending.request);
        for (const request of requests) settle(request, error);
        return;
      }
      if (requests.size === 1) {
        for (const request of requests) settle(request, error);
        dropQueuedRowsOf(requests);
        return;
      }
      // Something in the group broke the statement: write each request's rows alone, so one bad
      // request fails alone. Rows already committed come back as duplicates of themselves.
      logger.warn(
        { err: error, requests: requests.size },
        'event flush failed; retrying its requests one by one',
      );
      for (const request of requests)
        await flush(live.filter((pending) => pending.request === request));
    }
  }

  return {
    submit(rows) {
      if (closed)
        return Promise.reject(
          new AppError('NOT_READY', 'The service is shutting down; retry on another instance.', {
            retryAfterSeconds: 1,
          }),
        );
      if (rows.length === 0) return Promise.resolve([]);
      return new Promise<RowOutcome[]>((resolve, reject) => {
        const request: PendingRequest = {
          outcomes: new Array<RowOutcome>(rows.length),
          remaining: rows.length,
          settled: false,
          resolve,
          reject,
        };
        rows.forEach((row, position) =>
          queue.push({
            request,
            position,
            row,
            users: userLocks ? lockedUsers(row) : [],
            deferrals: 0,
          }),
        );
        schedule();
      });
    },
    busy: (recentMs = 0) => inFlight > 0 || queue.length > 0 || clock() - lastSettledAt < recentMs,
    load(windowMs) {
      const until = clock();
      const from = until - Math.min(windowMs, MAX_LOAD_WINDOW_MS);
      let busyMs = inFlight > 0 ? until - Math.max(from, flushStartedAt) : 0;
      for (const { start, end } of flushes) if (end > from) busyMs += end - Math.max(from, start);
      return Math.min(1, busyMs / (until - from));
    },
    queued: () => queue.length,
    async close() {
      closed = true;
      if (inFlight === 0 && queue.length === 0) return;
      await new Promise<void>((resolve) => {
        idle = resolve;
      });
    },
  };
}
