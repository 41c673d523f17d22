/**
 * The event write alone: `tracking/store-events` (and `merge-users` for logins) through the
 * service's own event store and executor, without HTTP or the service process, for flushes of
 * 1, 15 and 500 synthetic events, one statement at a time and two at once. It measures what the
 * database costs per statement and per row on this machine, the floor under bench:ingest.
 *
 * Two at once: rows are split by item as the service's two partitions split them, and each lane
 * has its own users, as the service's table of users held by flushes in flight keeps them apart.
 * A Neo4j on this machine (found by its Bolt port) adds its CPU per row.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7688 npm run bench:store
 *   BENCH_STORE_SIZES=1,500 BENCH_STORE_ROWS=5000 npm run bench:store
 */
import { createDriver } from '../src/graph/create-driver.js';
import { toEventRow, type EventRow } from '../src/tracking/event-rows.js';
import { createEventStore } from '../src/tracking/event-store.js';
import { partitionOf } from '../src/tracking/partitioned-writer.js';
import { validateEvents } from '../src/tracking/validate-events.js';
import { createBenchExecutor } from './support/bench-executor.js';
import { cpuSplit, sampleCpu } from './support/cpu-split.js';
import { deleteBenchSite } from './support/delete-site.js';
import { pidListeningOn } from './support/listening-process.js';
import { describeMachine } from './support/machine.js';
import { percentile } from './support/open-loop.js';
import { createSyntheticPopulation } from './support/synthetic-population.js';

const env = process.env;
const SIZES = (env.BENCH_STORE_SIZES ?? '1,15,500').split(',').map(Number);
/** Rows written per case (at least 20 statements); the first pass over every case is a warm-up. */
const ROWS_PER_CASE = Number(env.BENCH_STORE_ROWS ?? 10_000);

async function main(): Promise<void> {
  const uri = env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  const neo4jPid = pidListeningOn(uri);
  const driver = createDriver({
    uri,
    username: env.NEO4J_USERNAME ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
  });
  const executor = createBenchExecutor(driver, { timeoutMs: 60_000 });
  const store = createEventStore({ executor });
  const population = createSyntheticPopulation({ users: 20_000, items: 10_000, zipfExponent: 1.0 });
  const siteId = `bench-store-${Date.now()}`;

  /** `count` rows of the synthetic mix for one lane of `lanes` (its items and its own users). */
  const rowsFor = (lane: number, lanes: number, count: number): EventRow[] => {
    const rows: EventRow[] = [];
    while (rows.length < count) {
      const { prepared } = validateEvents([population.nextEvent()], {
        keyKind: 'secret',
        now: Date.now(),
        fieldPrefix: 'events',
      });
      const row = prepared[0] && toEventRow(siteId, prepared[0]);
      if (!row || partitionOf(row, lanes) !== lane) continue;
      rows.push({ ...row, user: `${row.user}~${lane}` });
    }
    return rows;
  };

  const runCase = async (size: number, lanes: number) => {
    const statements = Math.max(20, Math.ceil(ROWS_PER_CASE / size / lanes));
    const times: number[] = [];
    const before = sampleCpu(undefined, neo4jPid);
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let index = 0; index < statements; index += 1) {
          const rows = rowsFor(lane, lanes, size);
          const started = performance.now();
          await store.write(rows);
          times.push(performance.now() - started);
        }
      }),
    );
    const after = sampleCpu(undefined, neo4jPid);
    const seconds = (after.at - before.at) / 1000;
    const rows = statements * lanes * size;
    const split = cpuSplit(before, after);
    const sorted = Float64Array.from(times).sort();
    return {
      size,
      lanes,
      statements: statements * lanes,
      rowsPerSecond: rows / seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      machineBusy: split?.machine,
      neo4jCpuPerRowUs:
        neo4jPid === undefined
          ? undefined
          : (((after.neo4jMs ?? 0) - (before.neo4jMs ?? 0)) * 1000) / rows,
    };
  };

  const cases = SIZES.flatMap((size) => [1, 2].map((lanes) => ({ size, lanes })));
  console.log(`Event write alone (tracking/store-events): ${uri}`);
  console.log(`Machine: ${describeMachine()}`);
  console.log('warming up: every case once, unmeasured…');
  for (const { size, lanes } of cases) await runCase(size, lanes);
  console.log('');
  console.log(
    'rows/statement  at once  statements  p50 ms  p99 ms    rows/s  machine busy  Neo4j CPU/row',
  );
  try {
    for (const { size, lanes } of cases) {
      const result = await runCase(size, lanes);
      console.log(
        [
          String(result.size).padStart(14),
          String(result.lanes).padStart(8),
          String(result.statements).padStart(11),
          result.p50.toFixed(1).padStart(7),
          result.p99.toFixed(1).padStart(7),
          result.rowsPerSecond.toFixed(0).padStart(9),
          (result.machineBusy === undefined
            ? '-'
            : `${(result.machineBusy * 100).toFixed(0)} %`
          ).padStart(13),
          (result.neo4jCpuPerRowUs === undefined
            ? '- (not local)'
            : `${result.neo4jCpuPerRowUs.toFixed(0)} µs`
          ).padStart(14),
        ].join(' '),
      );
    }
  } finally {
    await deleteBenchSite(driver, siteId, { log: (line) => console.log(line) });
    await driver.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
