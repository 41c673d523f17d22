import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDriver } from '../../src/graph/create-driver.js';
import { createCypherRegistry } from '../../src/graph/cypher-registry.js';
import { createQueryExecutor } from '../../src/graph/query-executor.js';
import { createLogger } from '../../src/logging/logger.js';

/**
 * Locks node 2, then node 3, then node 1. The test holds 1 and 3 in two transactions of its own,
 * so this query waits on 3 while holding 2; the test then makes its older transaction wait on 2
 * and releases 3: the cycle (1 -> 2 -> 1) closes. Neo4j aborts the transaction holding the fewest
 * locks, so the test's transaction on 1 also holds ten other nodes: this query is the victim.
 */
const LOCK_TWO_THREE_ONE = `
MATCH (n:ExecutorLockTest {run: $run, id: 2}) SET n.writes = coalesce(n.writes, 0) + 1
WITH count(*) AS locked
MATCH (n:ExecutorLockTest {run: $run, id: 3}) SET n.writes = coalesce(n.writes, 0) + 1
WITH count(*) AS locked
MATCH (n:ExecutorLockTest {run: $run, id: 1}) SET n.writes = coalesce(n.writes, 0) + 1
RETURN count(*) AS locked`;

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

  it('retries the victim of a deadlock after tens of milliseconds, not the driver’s one second, and commits its writes once', async () => {
    const run = randomUUID();
    await executor.runText(
      'UNWIND range(1, 13) AS id CREATE (:ExecutorLockTest {run: $run, id: id})',
      { run },
    );
    const lockText =
      'MATCH (n:ExecutorLockTest {run: $run}) WHERE n.id IN $ids SET n.writes = coalesce(n.writes, 0) + 1';
    const holderOne = driver.session();
    const holderThree = driver.session();
    const txOne = await holderOne.beginTransaction();
    const txThree = await holderThree.beginTransaction();
    try {
      await txOne.run(lockText, { run, ids: [1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] });
      await txThree.run(lockText, { run, ids: [3] });

      const victim = executor.runText(LOCK_TWO_THREE_ONE, { run });
      await waitForBlocked(1);
      const oneWaitsOnTwo = txOne.run(lockText, { run, ids: [2] });
      await waitForBlocked(2);
      await txThree.commit();

      await oneWaitsOnTwo; // the victim rolled back and released node 2
      await txOne.commit();
      await expect(victim).resolves.toBeDefined();
    } finally {
      await holderOne.close();
      await holderThree.close();
    }

    const nodes = await executor.runText(
      'MATCH (n:ExecutorLockTest {run: $run}) RETURN n.id AS id, n.writes AS writes ORDER BY id',
      { run },
      { mode: 'read' },
    );
    // the victim's first attempt was rolled back: nodes 1-3 written once by it and once by the test
    expect(
      nodes.records.map((record) => [Number(record.get('id')), Number(record.get('writes'))]),
    ).toEqual([[1, 2], [2, 2], [3, 2], ...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((id) => [id, 1])]);
    const retries = lines.filter(
      (line) => line.msg === 'graph query retried after a transient failure',
    );
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      code: 'Neo.TransientError.Transaction.DeadlockDetected',
      retry: 1,
    });
    expect(retries[0].delayMs).toBeLessThanOrEqual(50);
    await executor.runText('MATCH (n:ExecutorLockTest {run: $run}) DELETE n', { run });

    /** Waits until `count` transactions touching the test's nodes wait on a lock. */
    async function waitForBlocked(count: number): Promise<void> {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const shown = await executor.runText(
          `SHOW TRANSACTIONS YIELD currentQuery, status
           WHERE currentQuery CONTAINS 'ExecutorLockTest' AND status STARTS WITH 'Blocked'
           RETURN count(*) AS blocked`,
          {},
          { mode: 'read' },
        );
        if (Number(shown.records[0]!.get('blocked')) >= count) return;
        if (Date.now() > deadline)
          throw new Error(`fewer than ${count} transactions blocked after 15 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
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
