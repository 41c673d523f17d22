import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { EventRow } from './event-rows.js';
import type { EventStore } from './event-store.js';
import { planFlush, resolveOutcomes, type RowOutcome } from './plan-flush.js';

export interface WriteBatcherOptions {
  store: EventStore;
  logger: Logger;
  /** A flush takes whole requests until it holds this many rows (a larger request flushes alone). */
  maxRowsPerFlush: number;
}

export interface WriteBatcher {
  /** Resolves with one outcome per row once they are committed; rejects when they could not be. */
  submit(rows: EventRow[]): Promise<RowOutcome[]>;
  /** Refuses new rows and waits for queued and in-flight ones. */
  close(): Promise<void>;
  /** True while rows are queued or being written, or were within `recentMs`: background work can make way. */
  busy(recentMs?: number): boolean;
}

interface PendingRequest {
  rows: EventRow[];
  resolve(outcomes: RowOutcome[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit: requests arriving while the transaction is in flight wait and are written together
 * in the next one (one UNWIND statement), so throughput grows with load while an idle service
 * writes a lone request at once. Every request settles only after its own rows are committed.
 * One transaction at a time: concurrency comes from several batchers (partitioned-writer.ts).
 */
export function createWriteBatcher(options: WriteBatcherOptions): WriteBatcher {
  const { store, logger, maxRowsPerFlush } = options;
  const queue: PendingRequest[] = [];
  let inFlight = 0;
  let scheduled = false;
  let closed = false;
  let lastSettledAt = Number.NEGATIVE_INFINITY;
  let idle: (() => void) | undefined;

  function mayStartFlush(): boolean {
    return queue.length > 0 && inFlight === 0;
  }

  function schedule(): void {
    if (scheduled || !mayStartFlush()) return;
    scheduled = true;
    // setImmediate lets requests parsed in the same turn of the event loop join this flush.
    setImmediate(() => {
      scheduled = false;
      if (!mayStartFlush()) return;
      const group = takeGroup();
      inFlight += 1;
      void flush(group).finally(() => {
        inFlight -= 1;
        lastSettledAt = performance.now();
        if (inFlight === 0 && queue.length === 0) idle?.();
        schedule();
      });
      schedule();
    });
  }

  function takeGroup(): PendingRequest[] {
    const group: PendingRequest[] = [queue.shift()!];
    let rows = group[0]!.rows.length;
    while (queue.length > 0 && rows + queue[0]!.rows.length <= maxRowsPerFlush) {
      const next = queue.shift()!;
      rows += next.rows.length;
      group.push(next);
    }
    return group;
  }

  async function flush(group: PendingRequest[]): Promise<void> {
    const rows = group.flatMap((request) => request.rows);
    const plan = planFlush(rows);
    const started = performance.now();
    try {
      const outcomes = resolveOutcomes(rows, plan, await store.write(plan.leaders));
      logger.debug(
        { rows: rows.length, requests: group.length, ms: Math.round(performance.now() - started) },
        'event flush',
      );
      let offset = 0;
      for (const request of group) {
        request.resolve(outcomes.slice(offset, offset + request.rows.length));
        offset += request.rows.length;
      }
    } catch (error) {
      const unavailable = error instanceof AppError && error.code === 'NEO4J_UNAVAILABLE';
      if (unavailable) {
        // Requests queued meanwhile would wait a whole failing attempt more: answer them now too.
        for (const request of [...group, ...queue.splice(0)]) request.reject(error);
        return;
      }
      if (group.length === 1) return group[0]!.reject(error);
      // Something in the group broke the statement: write each request alone, so one bad
      // request fails alone. Rows already committed come back as duplicates of themselves.
      logger.warn(
        { err: error, requests: group.length },
        'event flush failed; retrying its requests one by one',
      );
      for (const request of group) await flush([request]);
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
        queue.push({ rows, resolve, reject });
        schedule();
      });
    },
    busy: (recentMs = 0) =>
      inFlight > 0 || queue.length > 0 || performance.now() - lastSettledAt < recentMs,
    async close() {
      closed = true;
      if (inFlight === 0 && queue.length === 0) return;
      await new Promise<void>((resolve) => {
        idle = resolve;
      });
    },
  };
}
