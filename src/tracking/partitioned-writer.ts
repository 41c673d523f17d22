import type { EventRow } from './event-rows.js';
import type { RowOutcome } from './plan-flush.js';
import type { WriteBatcher } from './write-batcher.js';

export interface PartitionedWriterOptions {
  /** A request with at least this many rows is spread at once (a batch fills both partitions). */
  spreadRequestsOf: number;
  /**
   * Smaller requests go to the first partition alone until it has this many rows waiting: below
   * that, one transaction at a time keeps up, and each flush holds more rows.
   */
  spreadWhenQueued: number;
}

/**
 * Spreads rows over one write batcher per partition by the item they touch (a row without an
 * item, such as a login, by its user), and answers each request once all of its rows are
 * committed, in the request's order.
 *
 * Only under load: a transaction has a fixed cost (about 2 ms of Neo4j's CPU and a Bolt round
 * trip on the benchmark machine, against ~0.3 ms per row), so at 1,000 single events/s two
 * partitions wrote ~190 flushes/s of 5 rows where one writes about half as many of twice the size.
 * Once the first partition falls well behind (or a batch arrives), rows are spread by item; rows
 * of one item can then meet in two flushes for a moment, which costs a lock wait, never correctness.
 *
 * Why: every new (user, item) interaction locks its item until the transaction commits. Two
 * concurrent flushes of a Zipf-shaped stream both hold popular items, so the second waited for
 * the first to commit most of the time (bench:ingest: a store-events transaction was blocked in
 * ~40 % of samples) and two flushes did little more than one. Partitioned by item, the flushes in
 * flight at once never share an item; they keep out of each other's users through the batchers'
 * shared UserLocks, and when they do meet on one, each flush locks users in one order (see
 * event-store), so two partitions queue instead of deadlocking.
 *
 * A request whose rows span partitions can fail in one and commit in another: it is then
 * answered with the failure, and the rows that were committed come back as duplicates when the
 * client sends the request again (every row is idempotent).
 */
export function createPartitionedWriter(
  partitions: readonly WriteBatcher[],
  options: PartitionedWriterOptions = { spreadRequestsOf: 0, spreadWhenQueued: 0 },
): WriteBatcher {
  if (partitions.length === 0) throw new Error('a partitioned writer needs at least one partition');
  if (partitions.length === 1) return partitions[0]!;
  const first = partitions[0]!;
  return {
    async submit(rows) {
      if (rows.length < options.spreadRequestsOf && first.queued() < options.spreadWhenQueued)
        return first.submit(rows);
      const buckets = partitions.map(() => ({ rows: [] as EventRow[], positions: [] as number[] }));
      // Rows sharing an event id stay together, so the first of them is the one stored (as unpartitioned).
      const partitionOfId = new Map<string, number>();
      rows.forEach((row, position) => {
        let partition = partitionOfId.get(row.id);
        if (partition === undefined) {
          partition = partitionOf(row, partitions.length);
          partitionOfId.set(row.id, partition);
        }
        const bucket = buckets[partition]!;
        bucket.rows.push(row);
        bucket.positions.push(position);
      });
      const outcomes: RowOutcome[] = new Array<RowOutcome>(rows.length);
      await Promise.all(
        buckets.map(async (bucket, index) => {
          if (bucket.rows.length === 0) return;
          const written = await partitions[index]!.submit(bucket.rows);
          written.forEach((outcome, at) => (outcomes[bucket.positions[at]!] = outcome));
        }),
      );
      return outcomes;
    },
    busy: (recentMs) => partitions.some((partition) => partition.busy(recentMs)),
    queued: () => partitions.reduce((sum, partition) => sum + partition.queued(), 0),
    // The busiest partition: the one whose rows wait longest when background work competes.
    load: (windowMs) => Math.max(...partitions.map((partition) => partition.load(windowMs))),
    async close() {
      await Promise.all(partitions.map((partition) => partition.close()));
    },
  };
}

/** The partition of a row: by its item when it has one, else by its user (FNV-1a, stable across instances). */
export function partitionOf(
  row: Pick<EventRow, 'itemType' | 'item' | 'user'>,
  count: number,
): number {
  const key =
    row.item === null ? `user\u0000${row.user}` : `${row.itemType ?? ''}\u0000${row.item}`;
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}
