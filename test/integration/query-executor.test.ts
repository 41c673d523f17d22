import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDriver } from '../../src/graph/create-driver.js';
import { createCypherRegistry } from '../../src/graph/cypher-registry.js';
import { createQueryExecutor } from '../../src/graph/query-executor.js';
import { createLogger } from '../../src/logging/logger.js';

/** Locks one node, holds it while counting, then locks the other: two of these in opposite order deadlock. */
const LOCK_THEN_LOCK = `
MATCH (first:ExecutorLockTest {run: $run, id: $first})
SET first.writes = coalesce(first.writes, 0) + 1
WITH first
UNWIND range(1, $spin) AS n
WITH first, count(n) AS spun
MATCH (second:ExecutorLockTest {run: $run, id: $second})
SET second.writes = coalesce(second.writes, 0) + 1
RETURN spun`;

describe('the query executor against real Neo4j', () => {
  const { uri, username, password } = inject('neo4j');
  const driver = createDriver({ uri, username, password });
  const lines: any[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const executor = createQueryExecutor({
    driver,
    registry: createCypherRegistry(),
    database: 'neo4j',
    logger: createLogger('debug', sink),
    defaultTimeoutMs: 20_000,
  });
  afterAll(() => driver.close());

  it('retries the victim of a deadlock after tens of milliseconds, not the driver’s one second, and commits both writes once', async () => {
    const run = randomUUID();
    await executor.runText(
      'CREATE (:ExecutorLockTest {run: $run, id: 1}), (:ExecutorLockTest {run: $run, id: 2})',
      { run },
    );
    const spin = 100_000; // long enough that each holds its first lock when the other asks for it
    const outcomes = await Promise.allSettled([
      executor.runText(LOCK_THEN_LOCK, { run, first: 1, second: 2, spin }),
      executor.runText(LOCK_THEN_LOCK, { run, first: 2, second: 1, spin }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    const nodes = await executor.runText(
      'MATCH (n:ExecutorLockTest {run: $run}) RETURN n.id AS id, n.writes AS writes ORDER BY id',
      { run },
      { mode: 'read' },
    );
    // each node written once by each transaction: the victim's first attempt was rolled back
    expect(
      nodes.records.map((record) => [Number(record.get('id')), Number(record.get('writes'))]),
    ).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const retries = lines.filter(
      (line) => line.msg === 'graph query retried after a transient failure',
    );
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatchObject({
      code: 'Neo.TransientError.Transaction.DeadlockDetected',
      retry: 1,
    });
    expect(retries[0].delayMs).toBeLessThanOrEqual(50);
    await executor.runText('MATCH (n:ExecutorLockTest {run: $run}) DELETE n', { run });
  });

  it('does not retry an error that is not transient', async () => {
    lines.length = 0;
    await expect(
      executor.runText('RETURN 1 / toInteger($zero) AS x', { zero: 0 }),
    ).rejects.toMatchObject({ code: 'GRAPH_QUERY_FAILED' });
    expect(
      lines.filter((line) => line.msg === 'graph query retried after a transient failure'),
    ).toHaveLength(0);
  });
});
