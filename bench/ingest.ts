/**
 * Ingestion benchmark: the real service in its own process against NEO4J_URI (unset: the local
 * Neo4j launcher), a synthetic population, and two phases: single-event requests and 500-event
 * batches. Prints events/s acknowledged and stored and p50/p99 latency, with the machine.
 *
 * Each phase is preceded by an unmeasured warm-up of the same shape on its own site
 * (BENCH_WARMUP_SECONDS): a freshly started Neo4j compiles its plans and JIT-compiles its code for
 * the first tens of seconds, which measures the JVM's start rather than the service.
 *
 * The sites it creates are deleted afterwards (BENCH_KEEP_SITES=1 keeps them).
 *
 *   npm run bench:ingest                      # 20 s per phase, 15 s warm-up each
 *   BENCH_SECONDS=5 BENCH_WARMUP_SECONDS=5 npm run bench:ingest      # shorter while developing
 */
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import neo4j from 'neo4j-driver';
import { createHttpClient } from './support/http-client.js';
import { deleteBenchSite } from './support/delete-site.js';
import { startServiceProcess } from './support/service-process.js';
import { createSyntheticPopulation } from './support/synthetic-population.js';

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 15);
const SINGLE_CONCURRENCY = Number(env.BENCH_SINGLE_CONCURRENCY ?? 32);
const BATCH_CONCURRENCY = Number(env.BENCH_BATCH_CONCURRENCY ?? 4);
const BATCH_SIZE = 500;
const TARGETS = { batchStoredPerSecond: 5_000, singleRequestsPerSecond: 1_000, singleP99Ms: 50 };

interface PhaseResult {
  name: string;
  requests: number;
  acknowledged: number;
  stored: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
}

async function main(): Promise<void> {
  const service = await startServiceProcess(env);
  const neo4jUri = env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  const driver = neo4j.driver(
    neo4jUri,
    env.NEO4J_PASSWORD
      ? neo4j.auth.basic(env.NEO4J_USERNAME ?? 'neo4j', env.NEO4J_PASSWORD)
      : undefined,
    { disableLosslessIntegers: true },
  );
  const client = createHttpClient(service.baseUrl, Math.max(SINGLE_CONCURRENCY, BATCH_CONCURRENCY));
  const population = createSyntheticPopulation({ users: 20_000, items: 10_000, zipfExponent: 1.0 });
  const results: PhaseResult[] = [];
  const createdSites: string[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    const runPhase = async (
      name: string,
      concurrency: number,
      eventsPerRequest: number,
      seconds: number,
    ): Promise<PhaseResult> => {
      const created = await client.send(
        'POST',
        '/v1/admin/sites',
        { name: `bench ${name}`, allowedOrigins: [] },
        service.adminToken,
      );
      if (created.status !== 201) throw new Error(`could not create a site: ${created.status}`);
      const { id: siteId, publicKey } = created.body as { id: string; publicKey: string };
      createdSites.push(siteId);
      const latencies: number[] = [];
      let acknowledged = 0;
      let failed = 0;
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const worker = async () => {
        while (performance.now() < deadline) {
          const events = Array.from({ length: eventsPerRequest }, () => population.nextEvent());
          const sent = performance.now();
          const answer = await client.send('POST', '/v1/events', { events }, publicKey);
          latencies.push(performance.now() - sent);
          if (answer.status === 200) acknowledged += answer.body.accepted as number;
          else failed += 1;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const elapsed = (performance.now() - started) / 1000;
      const session = driver.session();
      const stored = (
        await session.run('MATCH (e:Event {siteId: $siteId}) RETURN count(e) AS n', { siteId })
      ).records[0]!.get('n') as number;
      await session.close();
      latencies.sort((a, b) => a - b);
      const quantile = (q: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
      return {
        name,
        requests: latencies.length,
        acknowledged,
        stored,
        failed,
        seconds: elapsed,
        p50: quantile(0.5),
        p99: quantile(0.99),
      };
    };

    const warmUp = async (concurrency: number, eventsPerRequest: number) => {
      if (WARMUP_SECONDS <= 0) return;
      process.stderr.write(`warming up for ${WARMUP_SECONDS} s (${eventsPerRequest}-event requests)…\n`);
      await runPhase('warm-up', concurrency, eventsPerRequest, WARMUP_SECONDS);
    };
    await warmUp(SINGLE_CONCURRENCY, 1);
    results.push(
      await runPhase(
        `single-event requests, concurrency ${SINGLE_CONCURRENCY}`,
        SINGLE_CONCURRENCY,
        1,
        SECONDS,
      ),
    );
    await warmUp(BATCH_CONCURRENCY, BATCH_SIZE);
    results.push(
      await runPhase(
        `${BATCH_SIZE}-event batches, concurrency ${BATCH_CONCURRENCY}`,
        BATCH_CONCURRENCY,
        BATCH_SIZE,
        SECONDS,
      ),
    );
  } finally {
    client.close();
    printReport(results, neo4jUri, loadBefore);
    // Left behind, the sites' events and dirty items would slow the next run (and fill the
    // database); the service (and the local Neo4j it may have started) stops after that.
    try {
      if (env.BENCH_KEEP_SITES !== '1')
        for (const siteId of createdSites)
          await deleteBenchSite(driver, siteId, { log: (line) => process.stderr.write(`${line}\n`) });
    } finally {
      await driver.close();
      await service.stop();
    }
  }
}

function printReport(results: PhaseResult[], neo4jUri: string, loadBefore: number): void {
  const cpu = cpus();
  console.log('\nRecograph ingestion benchmark');
  console.log(
    `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, Node ${process.version}`,
  );
  console.log(
    `Neo4j: ${neo4jUri} (on the same machine unless the URI says otherwise); service and load generator share the machine`,
  );
  // Other work on the machine changes the figures a lot: say how busy it was.
  console.log(
    `load average (1 min): ${loadBefore.toFixed(2)} before the run, ${loadavg()[0]!.toFixed(2)} after; ${WARMUP_SECONDS} s unmeasured warm-up before each phase\n`,
  );
  for (const result of results) {
    console.log(`${result.name} (${result.seconds.toFixed(1)} s)`);
    console.log(
      `  requests           ${result.requests} (${(result.requests / result.seconds).toFixed(0)}/s), failed ${result.failed}`,
    );
    console.log(
      `  events acknowledged ${result.acknowledged} (${(result.acknowledged / result.seconds).toFixed(0)}/s)`,
    );
    console.log(
      `  events stored      ${result.stored} (${(result.stored / result.seconds).toFixed(0)}/s, counted in the graph)`,
    );
    console.log(
      `  latency            p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms\n`,
    );
  }
  const [single, batch] = results;
  if (single && batch) {
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `target: ≥ ${TARGETS.batchStoredPerSecond} events/s stored through batches: ${(batch.stored / batch.seconds).toFixed(0)}/s, ${verdict(batch.stored / batch.seconds >= TARGETS.batchStoredPerSecond)}`,
    );
    const singleRate = single.requests / single.seconds;
    console.log(
      `target: ≥ ${TARGETS.singleRequestsPerSecond} single-event requests/s at p99 ≤ ${TARGETS.singleP99Ms} ms: ${singleRate.toFixed(0)}/s at p99 ${single.p99.toFixed(1)} ms, ${verdict(singleRate >= TARGETS.singleRequestsPerSecond && single.p99 <= TARGETS.singleP99Ms)}`,
    );
  }
}

await main();
