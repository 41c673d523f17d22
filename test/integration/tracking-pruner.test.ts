import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createEventPruner, PRUNE_DEFAULTS } from '../../src/tracking/event-pruner.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

describe('pruning old event records', () => {
  const graph = connectTestGraph();
  /** Each test's own rollup cursor, removed at the end (even after a failure). */
  const cursors: string[] = [];
  afterAll(async () => {
    await graph.executor.runText('MATCH (c:StatsCursor) WHERE c.name IN $cursors DELETE c', {
      cursors,
    });
    await graph.close();
  });

  /**
   * Three records stored in 1970 (so that no other test's records, stored now, fall before the
   * cut-off) and a pruner whose retention ends at 2,000, reading its own rollup cursor.
   */
  async function fixture() {
    const siteId = uniqueSiteId('prune');
    await graph.executor.runText(
      `UNWIND $records AS record
       CREATE (:Event {siteId: $siteId, id: record.id, type: 'view', user: 'u', at: toInteger(record.storedAt), storedAt: toInteger(record.storedAt)})`,
      {
        siteId,
        records: [
          { id: 'old-1', storedAt: 1_000 },
          { id: 'old-2', storedAt: 1_999 },
          { id: 'kept', storedAt: 2_000 },
        ],
      },
    );
    const cursor = `prune-test-${siteId}`;
    cursors.push(cursor);
    const pruner = createEventPruner({
      executor: graph.executor,
      registry: graph.registry,
      logger: createLogger('silent'),
      now: () => 2_000 + PRUNE_DEFAULTS.retentionMs,
      cursor,
    });
    const countedUntil = (until: number) =>
      graph.executor.runText('MERGE (c:StatsCursor {name: $cursor}) SET c.until = $until', {
        cursor,
        until,
      });
    const left = async () =>
      (
        await graph.executor.runText(
          'MATCH (e:Event {siteId: $siteId}) RETURN e.id AS id ORDER BY id',
          { siteId },
          { mode: 'read' },
        )
      ).records.map((record) => record.get('id') as string);
    return { pruner, countedUntil, left };
  }

  it('deletes the counted records stored before the retention window and keeps the rest', async () => {
    const { pruner, countedUntil, left } = await fixture();
    await countedUntil(10_000);
    expect(await pruner.pruneOnce()).toBe(2);
    expect(await left()).toEqual(['kept']);
  });

  it('keeps old records the statistics rollup has not counted yet, until it has', async () => {
    const { pruner, countedUntil, left } = await fixture();
    expect(await pruner.pruneOnce()).toBe(0); // the rollup never ran
    expect(await left()).toEqual(['kept', 'old-1', 'old-2']);

    await countedUntil(1_000); // counted up to and including 1,000
    expect(await pruner.pruneOnce()).toBe(1);
    expect(await left()).toEqual(['kept', 'old-2']);

    await countedUntil(1_999);
    expect(await pruner.pruneOnce()).toBe(1);
    expect(await left()).toEqual(['kept']);
  });
});
