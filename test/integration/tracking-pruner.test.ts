import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createEventPruner, PRUNE_DEFAULTS } from '../../src/tracking/event-pruner.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

describe('pruning old event records', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

  it('deletes the records stored before the retention window and keeps the rest', async () => {
    const siteId = uniqueSiteId('prune');
    // Fixture times in 1970, so that no other test's records (stored now) fall before the cut-off.
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
    const pruner = createEventPruner({
      executor: graph.executor,
      registry: graph.registry,
      logger: createLogger('silent'),
      now: () => 2_000 + PRUNE_DEFAULTS.retentionMs,
    });
    expect(await pruner.pruneOnce()).toBe(2);
    const left = await graph.executor.runText(
      'MATCH (e:Event {siteId: $siteId}) RETURN collect(e.id) AS ids',
      { siteId },
      { mode: 'read' },
    );
    expect(left.records[0]?.get('ids')).toEqual(['kept']);
  });
});
