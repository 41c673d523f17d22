import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createLogger } from '../logging/logger.js';
import type { EventRow } from './event-rows.js';
import type { EventStore, StoredRow } from './event-store.js';
import { createUserLocks, createWriteBatcher, MAX_DEFERRALS } from './write-batcher.js';

function row(id: string, siteId = 's1', user = 'u'): EventRow {
  return { siteId, id, payloadHash: 'h', user } as EventRow;
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

  it('reports the share of the recent past it had a transaction in flight', async () => {
    let now = 0;
    let open!: () => void;
    let gate = new Promise<void>((resolve) => (open = resolve));
    const store: EventStore = {
      async write(rows) {
        await gate;
        return rows.map((r) => ({
          siteId: r.siteId,
          id: r.id,
          isNew: true,
          storedHash: 'h',
          resolvedUser: null,
        }));
      },
    };
    const batcher = createWriteBatcher({ store, logger, maxRowsPerFlush: 100, now: () => now });
    expect(batcher.load(1_000)).toBe(0);
    const first = batcher.submit([row('a')]);
    await new Promise((resolve) => setImmediate(resolve)); // the flush starts at 0
    now = 300;
    expect(batcher.load(1_000)).toBe(0.3); // in flight since 0, a window of 1,000 ms
    now = 400;
    open();
    await first;
    await new Promise((resolve) => setImmediate(resolve)); // the flush settles at 400
    now = 1_000;
    expect(batcher.load(1_000)).toBe(0.4);
    gate = new Promise<void>((resolve) => (open = resolve));
    const second = batcher.submit([row('b')]);
    await new Promise((resolve) => setImmediate(resolve)); // starts at 1,000
    now = 1_200;
    expect(batcher.load(1_000)).toBeCloseTo(0.4); // 200-400 of the first, 1,000-1,200 of the second
    now = 1_500;
    open();
    await second;
    await new Promise((resolve) => setImmediate(resolve));
    now = 2_500;
    expect(batcher.load(1_000)).toBe(0); // both ended before the window
    expect(batcher.load(2_000)).toBe(0.5 / 2);
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
    // until the first flush is in flight: a fixed 5-ms wait could end before it started on a
    // loaded machine (timers run before setImmediate), and then all four rows shared one flush
    while (flushes.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
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

  it('never puts more rows in a flush than allowed, oldest first, splitting a request if need be', async () => {
    const { store, flushes } = createFakeStore();
    const batcher = createWriteBatcher({
      store,
      logger,
      maxRowsPerFlush: 3,
    });
    const outcomes = await Promise.all([
      batcher.submit([row('a'), row('b')]),
      batcher.submit([row('c'), row('d')]),
      batcher.submit([row('e'), row('f'), row('g'), row('h')]),
    ]);
    expect(flushes).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h'],
    ]);
    expect(outcomes.map((request) => request.length)).toEqual([2, 2, 4]);
    expect(outcomes.flat().every((outcome) => outcome.status === 'stored')).toBe(true);
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

describe('createWriteBatcher with user locks shared between batchers', () => {
  /** Two batchers sharing locks; the first one's flushes are held until `open` is called. */
  function twoBatchers() {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = createFakeStore({ gate });
    const free = createFakeStore();
    const userLocks = createUserLocks();
    const first = createWriteBatcher({
      store: held.store,
      logger,
      maxRowsPerFlush: 100,
      userLocks,
    });
    const second = createWriteBatcher({
      store: free.store,
      logger,
      maxRowsPerFlush: 100,
      userLocks,
    });
    return { first, second, open, heldFlushes: held.flushes, freeFlushes: free.flushes };
  }

  it('leaves rows whose user is in the other batcher’s flush for a flush after it commits', async () => {
    const { first, second, open, freeFlushes } = twoBatchers();
    const holding = first.submit([row('a', 's1', 'alice')]);
    await new Promise((resolve) => setTimeout(resolve, 5)); // alice's flush is in flight
    const waiting = second.submit([row('b', 's1', 'alice'), row('c', 's1', 'bob')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(freeFlushes).toEqual([['c']]); // bob's row went at once; alice's waits
    open();
    await Promise.all([holding, waiting]);
    expect(freeFlushes).toEqual([['c'], ['b']]);
    expect((await waiting).map((outcome) => outcome.status)).toEqual(['stored', 'stored']);
  });

  it('keeps users of the same name in other sites apart', async () => {
    const { first, second, open, freeFlushes } = twoBatchers();
    const holding = first.submit([row('a', 's1', 'alice')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await second.submit([row('b', 's2', 'alice')]);
    expect(freeFlushes).toEqual([['b']]);
    open();
    await holding;
  });

  it(`writes a row anyway once it was left out of ${MAX_DEFERRALS} flushes`, async () => {
    const { first, second, open, freeFlushes } = twoBatchers();
    const holding = first.submit([row('a', 's1', 'alice')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const waiting = second.submit([row('b', 's1', 'alice')]);
    // each flush of the second batcher (here of other users' rows) passes alice's row over once
    for (let n = 0; n < MAX_DEFERRALS; n += 1)
      await second.submit([row(`other${n}`, 's1', `u${n}`)]);
    await waiting; // written while alice's first flush is still in flight
    expect(freeFlushes.at(-1)).toEqual(['b']);
    open();
    await holding;
  });

  it('keeps a row behind when an earlier row with its id was left out, so the earlier one is stored', async () => {
    const { first, second, open, freeFlushes } = twoBatchers();
    const holding = first.submit([row('a', 's1', 'alice')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const outcomes = second.submit([
      { ...row('same', 's1', 'alice'), payloadHash: 'first' },
      { ...row('same', 's1', 'bob'), payloadHash: 'second' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(freeFlushes).toEqual([]);
    open();
    await holding;
    expect((await outcomes).map((outcome) => outcome.status)).toEqual(['stored', 'reused']);
  });

  it('does not leave a row behind for ever when another batcher holds its user in every flush', async () => {
    const userLocks = createUserLocks();
    const { store, flushes } = createFakeStore();
    const batcher = createWriteBatcher({ store, logger, maxRowsPerFlush: 100, userLocks });
    userLocks.hold(['s1\u0000alice']); // another batcher's flushes, one after another, all with alice
    const waiting = batcher.submit([row('a', 's1', 'alice')]);
    for (let n = 0; n < MAX_DEFERRALS; n += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(flushes).toEqual([]);
      userLocks.hold(['s1\u0000alice']); // the next flush takes alice before this one's release
      userLocks.release(['s1\u0000alice']);
    }
    await waiting;
    expect(flushes).toEqual([['a']]);
  });
});
