import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import type { EventRow } from './event-rows.js';
import { createPartitionedWriter, partitionOf } from './partitioned-writer.js';
import type { RowOutcome } from './plan-flush.js';
import type { WriteBatcher } from './write-batcher.js';

function row(id: string, item: string | null, user = 'u1'): EventRow {
  return { siteId: 's1', id, user, itemType: item === null ? null : 'product', item } as EventRow;
}

/** A partition that records what it was given and answers `stored` with its own name as the user. */
function recordingPartition(
  name: string,
  options: { fail?: Error; queued?: number; load?: number } = {},
) {
  const submitted: string[][] = [];
  const partition: WriteBatcher = {
    queued: () => options.queued ?? 0,
    async submit(rows) {
      submitted.push(rows.map((r) => r.id));
      if (options.fail) throw options.fail;
      return rows.map((): RowOutcome => ({ status: 'stored', resolvedUser: name }));
    },
    busy: () => submitted.length > 0,
    load: () => options.load ?? 0,
    close: async () => undefined,
  };
  return { partition, submitted };
}

/** Items that land in partition 0 and 1 of 2. */
function itemsByPartition(): [string, string] {
  const found: (string | undefined)[] = [undefined, undefined];
  for (let n = 0; found.includes(undefined); n += 1) {
    const item = `i${n}`;
    found[partitionOf(row('x', item), 2)] ??= item;
  }
  return found as [string, string];
}

describe('partitionOf', () => {
  it('puts every row of one item in one partition, whatever its user or id', () => {
    const partition = partitionOf(row('a', 'shoe-1', 'alice'), 4);
    expect(partitionOf(row('b', 'shoe-1', 'bob'), 4)).toBe(partition);
    expect(partition).toBeGreaterThanOrEqual(0);
    expect(partition).toBeLessThan(4);
  });

  it('spreads items over the partitions', () => {
    const counts = [0, 0];
    for (let n = 0; n < 1_000; n += 1) counts[partitionOf(row('a', `item-${n}`), 2)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(400);
  });

  it('places a row without an item (a login) by its user', () => {
    const partition = partitionOf(row('a', null, 'alice'), 8);
    expect(partitionOf(row('b', null, 'alice'), 8)).toBe(partition);
  });
});

describe('createPartitionedWriter', () => {
  it('sends each row to its item’s partition and answers in the request’s order', async () => {
    const [even, odd] = itemsByPartition();
    const zero = recordingPartition('p0');
    const one = recordingPartition('p1');
    const writer = createPartitionedWriter([zero.partition, one.partition]);

    const outcomes = await writer.submit([row('a', even), row('b', odd), row('c', even)]);

    expect(zero.submitted).toEqual([['a', 'c']]);
    expect(one.submitted).toEqual([['b']]);
    expect(outcomes.map((outcome) => outcome.resolvedUser)).toEqual(['p0', 'p1', 'p0']);
  });

  it('keeps rows sharing an event id together, in the partition of the first of them', async () => {
    const [even, odd] = itemsByPartition();
    const zero = recordingPartition('p0');
    const one = recordingPartition('p1');
    const writer = createPartitionedWriter([zero.partition, one.partition]);

    await writer.submit([row('same', odd), row('other', even), row('same', even)]);

    expect(one.submitted).toEqual([['same', 'same']]);
    expect(zero.submitted).toEqual([['other']]);
  });

  it('fails the request when any partition fails', async () => {
    const [even, odd] = itemsByPartition();
    const unavailable = new AppError('NEO4J_UNAVAILABLE', 'down', { retryAfterSeconds: 1 });
    const writer = createPartitionedWriter([
      recordingPartition('p0').partition,
      recordingPartition('p1', { fail: unavailable }).partition,
    ]);

    await expect(writer.submit([row('a', even), row('b', odd)])).rejects.toBe(unavailable);
    await expect(writer.submit([row('c', even)])).resolves.toHaveLength(1);
  });

  it('is busy while any partition is', () => {
    const idle = recordingPartition('p0');
    const busy = recordingPartition('p1');
    void busy.partition.submit([row('a', 'x')]);
    expect(createPartitionedWriter([idle.partition]).busy()).toBe(false);
    expect(createPartitionedWriter([idle.partition, busy.partition]).busy()).toBe(true);
  });

  it('writes through the first partition alone until it falls behind or a request is large', async () => {
    const [even, odd] = itemsByPartition();
    const light = [recordingPartition('p0'), recordingPartition('p1')];
    const writer = createPartitionedWriter(
      light.map((p) => p.partition),
      { spreadRequestsOf: 3, spreadWhenQueued: 5 },
    );
    await writer.submit([row('a', even), row('b', odd)]);
    expect(light.map((p) => p.submitted)).toEqual([[['a', 'b']], []]);
    await writer.submit([row('c', even), row('d', odd), row('e', even)]);
    expect(light.map((p) => p.submitted)).toEqual([
      [
        ['a', 'b'],
        ['c', 'e'],
      ],
      [['d']],
    ]);

    // a queue shorter than spreadWhenQueued (though as long as a spread request) is not behind
    const busy = [recordingPartition('p0', { queued: 4 }), recordingPartition('p1')];
    await createPartitionedWriter(
      busy.map((p) => p.partition),
      { spreadRequestsOf: 3, spreadWhenQueued: 5 },
    ).submit([row('f', even), row('g', odd)]);
    expect(busy.map((p) => p.submitted)).toEqual([[['f', 'g']], []]);

    const behind = [recordingPartition('p0', { queued: 5 }), recordingPartition('p1')];
    await createPartitionedWriter(
      behind.map((p) => p.partition),
      { spreadRequestsOf: 3, spreadWhenQueued: 5 },
    ).submit([row('h', even), row('i', odd)]);
    expect(behind.map((p) => p.submitted)).toEqual([[['h']], [['i']]]);
  });
});

describe('createPartitionedWriter load', () => {
  it("is the busiest partition's", () => {
    const writer = createPartitionedWriter([
      recordingPartition('a', { load: 0.2 }).partition,
      recordingPartition('b', { load: 0.7 }).partition,
    ]);
    expect(writer.load(1_000)).toBe(0.7);
  });
});
