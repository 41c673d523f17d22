import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createLogger } from '../logging/logger.js';
import type { EventRow } from './event-rows.js';
import type { EventStore, StoredRow } from './event-store.js';
import { createWriteBatcher } from './write-batcher.js';

function row(id: string, siteId = 's1'): EventRow {
  return { siteId, id, payloadHash: 'h', user: 'u' } as EventRow;
}

/** A store that remembers ids like the graph does and records each flush. */
function createFakeStore(
  options: {
    delayMs?: number;
    gate?: Promise<void>;
    failWhen?: (rows: EventRow[]) => Error | undefined;
  } = {},
) {
  const known = new Set<string>();
  const flushes: string[][] = [];
  const store: EventStore = {
    async write(rows) {
      flushes.push(rows.map((r) => r.id));
      // A gate holds flushes in flight for as long as a test needs, whatever the machine's load.
      await (options.gate ?? new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1)));
      const error = options.failWhen?.(rows);
      if (error) throw error;
      return rows.map((r): StoredRow => {
        const isNew = !known.has(r.id);
        known.add(r.id);
        return { siteId: r.siteId, id: r.id, isNew, storedHash: 'h', resolvedUser: null };
      });
    },
  };
  return { store, flushes };
}

const logger = createLogger('silent');

describe('createWriteBatcher', () => {
  it('says it is busy while rows wait or are written, and for a while after when asked', async () => {
    let open!: () => void;
    const { store } = createFakeStore({ gate: new Promise<void>((resolve) => (open = resolve)) });
    const batcher = createWriteBatcher({ store, logger, maxRowsPerFlush: 100 });
    expect(batcher.busy(60_000)).toBe(false); // nothing was ever written
    const written = batcher.submit([row('a')]);
    expect(batcher.busy()).toBe(true);
    open();
    await written;
    await new Promise((resolve) => setImmediate(resolve));
    expect(batcher.busy()).toBe(false);
    expect(batcher.busy(60_000)).toBe(true);
  });

  it('writes requests that arrive while a flush is in flight together in the next flush', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { store, flushes } = createFakeStore({ gate });
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 100,
    });
    const first = batcher.submit([row('a')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [batcher.submit([row('b')]), batcher.submit([row('c'), row('d')])];
    open(); // the first flush was held in flight (a 20-ms delay was not enough on a loaded machine)
    await Promise.all([first, ...later]);
    expect(flushes).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('counts the same id in two requests of one flush once', async () => {
    const { store, flushes } = createFakeStore();
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 100,
    });
    const [one, two] = await Promise.all([
      batcher.submit([row('a'), row('b')]),
      batcher.submit([row('a')]),
    ]);
    expect(flushes).toEqual([['a', 'b']]);
    expect(one!.map((outcome) => outcome.status)).toEqual(['stored', 'stored']);
    expect(two!.map((outcome) => outcome.status)).toEqual(['duplicate']);
  });

  it('never puts more rows in a flush than allowed, except a single larger request', async () => {
    const { store, flushes } = createFakeStore();
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 3,
    });
    await Promise.all([
      batcher.submit([row('a'), row('b')]),
      batcher.submit([row('c'), row('d')]),
      batcher.submit([row('e'), row('f'), row('g'), row('h')]),
    ]);
    expect(flushes).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f', 'g', 'h'],
    ]);
  });

  it('fails every request of a flush when Neo4j is unavailable, and recovers on the next one', async () => {
    let down = true;
    const { store } = createFakeStore({
      failWhen: () => (down ? new AppError('NEO4J_UNAVAILABLE', 'down') : undefined),
    });
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 100,
    });
    const results = await Promise.allSettled([
      batcher.submit([row('a')]),
      batcher.submit([row('b')]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    down = false;
    expect((await batcher.submit([row('a')]))[0]!.status).toBe('stored');
  });

  it('fails the requests queued behind a flush that found Neo4j unavailable without another attempt', async () => {
    const { store, flushes } = createFakeStore({
      delayMs: 20,
      failWhen: () => new AppError('NEO4J_UNAVAILABLE', 'down'),
    });
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 100,
    });
    const first = batcher.submit([row('a')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const queued = batcher.submit([row('b')]);
    await expect(first).rejects.toMatchObject({ code: 'NEO4J_UNAVAILABLE' });
    await expect(queued).rejects.toMatchObject({ code: 'NEO4J_UNAVAILABLE' });
    expect(flushes).toEqual([['a']]);
  });

  it('retries the requests of a failed flush one by one, so a bad request fails alone', async () => {
    const { store, flushes } = createFakeStore({
      failWhen: (rows) => (rows.some((r) => r.id === 'poison') ? new Error('boom') : undefined),
    });
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 100,
    });
    const results = await Promise.allSettled([
      batcher.submit([row('a')]),
      batcher.submit([row('poison')]),
      batcher.submit([row('c')]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(flushes).toEqual([['a', 'poison', 'c'], ['a'], ['poison'], ['c']]);
  });

  it('waits for queued writes on close and refuses new ones', async () => {
    const { store } = createFakeStore({ delayMs: 10 });
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 100,
    });
    const pending = batcher.submit([row('a')]);
    await batcher.close();
    await expect(pending).resolves.toHaveLength(1);
    await expect(batcher.submit([row('b')])).rejects.toMatchObject({ code: 'NOT_READY' });
  });
});
