/**
 * Ingestion benchmark: the real service in its own process against NEO4J_URI (unset: the local
 * Neo4j launcher), a synthetic population, and three phases: single-event requests at a constant
 * rate (open loop, BENCH_SINGLE_RATE, 1,000/s: the target's shape), single-event requests from
 * BENCH_SINGLE_CONCURRENCY clients (closed loop: the most the service takes) and 500-event batches
 * from BENCH_BATCH_CONCURRENCY clients. Prints events/s acknowledged and stored (counted in the
 * graph) and p50/p99 latency, with the machine.
 *
 * Each phase is preceded by an unmeasured warm-up of the same shape on its own site, in rounds of
 * BENCH_WARMUP_SECONDS until two rounds in a row are no more than 5 % faster than the best before
 * them (at most 5 minutes): a freshly started Neo4j compiles its plans and JIT-compiles its code
 * for its first minutes, which measures the JVM's start rather than the service.
 *
 * The sites it creates are deleted afterwards (BENCH_KEEP_SITES=1 keeps them).
 *
 *   npm run bench:ingest                      # 20 s per phase, 15 s warm-up before singles and batches
 *   BENCH_SECONDS=5 BENCH_WARMUP_SECONDS=5 npm run bench:ingest      # shorter while developing
 *   BENCH_PHASES=batch npm run bench:ingest   # batches only
 */
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import neo4j from 'neo4j-driver';
import { createHttpClient } from './support/http-client.js';
import { cpuSplit, formatCpuSplit, sampleCpu, type CpuSplit } from './support/cpu-split.js';
import { readMetricsText } from './support/metrics-text.js';
import { percentile, runOpenLoop } from './support/open-loop.js';
import {
  formatSlowest,
  serviceMsOf,
  summarizeSlowest,
  type RequestSample,
} from './support/slowest-requests.js';
import { needsAnotherRound } from './support/warm-up.js';
import {
  formatQueryTime,
  formatSlowCounts,
  parseSlowCounts,
  type SlowCounts,
} from './support/slow-counts.js';
import { deleteBenchSite } from './support/delete-site.js';
import { pidListeningOn } from './support/listening-process.js';
import { startServiceProcess } from './support/service-process.js';
import { createSyntheticPopulation } from './support/synthetic-population.js';

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 15);
/**
 * Warm-up rounds go on until two in a row gain under 5 % on the best before them, up to 5 minutes'
 * worth: on a just-created database, single events were still getting faster after 3 minutes.
 */
const WARMUP_ROUNDS = { tolerance: 0.05, maxRounds: Math.max(3, Math.ceil(300 / WARMUP_SECONDS)) };
const SINGLE_RATE = Number(env.BENCH_SINGLE_RATE ?? 1_000);
const SINGLE_CONCURRENCY = Number(env.BENCH_SINGLE_CONCURRENCY ?? 32);
const OPEN_LOOP_MAX_IN_FLIGHT = 256;
const BATCH_CONCURRENCY = Number(env.BENCH_BATCH_CONCURRENCY ?? 4);
const BATCH_SIZE = 500;
/** `single` (both single-event phases), `batch`, or both (the default). */
const PHASES = new Set((env.BENCH_PHASES ?? 'single,batch').split(','));
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
  /** Open loop only: requests not sent because too many were in flight. */
  dropped?: number;
  cpu?: CpuSplit;
  /** The service's own histograms (over 50 ms) before and after the phase: where the time went. */
  service?: { before?: SlowCounts; after?: SlowCounts };
  /** Open loop only: the slowest 1 %, service time against time outside, and when they were sent. */
  slowest?: string;
  /** Wall-clock start (UTC, HH:MM:SS.s), to line the phase up with Neo4j's and the service's logs. */
  startedAt?: string;
}

async function main(): Promise<void> {
  const service = await startServiceProcess(env);
  const neo4jUri = env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  /** A Neo4j on this machine: its CPU is reported apart from the rest. */
  const neo4jPid = pidListeningOn(neo4jUri);
  const driver = neo4j.driver(
    neo4jUri,
    env.NEO4J_PASSWORD
      ? neo4j.auth.basic(env.NEO4J_USERNAME ?? 'neo4j', env.NEO4J_PASSWORD)
      : undefined,
    { disableLosslessIntegers: true },
  );
  const client = createHttpClient(
    service.baseUrl,
    Math.max(OPEN_LOOP_MAX_IN_FLIGHT, SINGLE_CONCURRENCY, BATCH_CONCURRENCY),
  );
  const population = createSyntheticPopulation({ users: 20_000, items: 10_000, zipfExponent: 1.0 });
  const results: PhaseResult[] = [];
  let single: PhaseResult | undefined;
  let batch: PhaseResult | undefined;
  const createdSites: string[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    /** A new site for one phase; its Event nodes are the phase's stored events. */
    const createSite = async (name: string): Promise<{ siteId: string; publicKey: string }> => {
      const created = await client.send(
        'POST',
        '/v1/admin/sites',
        { name: `bench ${name}`, allowedOrigins: [] },
        service.adminToken,
      );
      if (created.status !== 201) throw new Error(`could not create a site: ${created.status}`);
      const { id: siteId, publicKey } = created.body as { id: string; publicKey: string };
      createdSites.push(siteId);
      return { siteId, publicKey };
    };
    /** Requests and graph statements over 50 ms, and graph time per statement, so far. */
    const readServiceCounts = async (): Promise<SlowCounts | undefined> => {
      const text = await readMetricsText(service.baseUrl);
      return text === undefined ? undefined : parseSlowCounts(text, 0.05);
    };
    const countStored = async (siteId: string): Promise<number> => {
      const session = driver.session();
      try {
        const result = await session.run('MATCH (e:Event {siteId: $siteId}) RETURN count(e) AS n', {
          siteId,
        });
        return result.records[0]!.get('n') as number;
      } finally {
        await session.close();
      }
    };
    const summarise = async (
      name: string,
      siteId: string,
      latencies: Float64Array,
      counts: {
        acknowledged: number;
        failed: number;
        seconds: number;
        dropped?: number;
        cpu?: CpuSplit;
        service?: PhaseResult['service'];
        startedAt?: string;
      },
    ): Promise<PhaseResult> => ({
      name,
      requests: latencies.length + counts.failed,
      ...counts,
      stored: await countStored(siteId),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    });

    /** Closed loop: `concurrency` clients, each sending its next request when the last is answered. */
    const runClosedLoop = async (
      name: string,
      concurrency: number,
      eventsPerRequest: number,
      seconds: number,
    ): Promise<PhaseResult> => {
      const { siteId, publicKey } = await createSite(name);
      const latencies: number[] = [];
      let acknowledged = 0;
      let failed = 0;
      const serviceBefore = await readServiceCounts();
      const cpuBefore = sampleCpu(service.pid, neo4jPid);
      const startedAt = wallClock();
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const worker = async () => {
        while (performance.now() < deadline) {
          const events = Array.from({ length: eventsPerRequest }, () => population.nextEvent());
          const sent = performance.now();
          const answer = await client.send('POST', '/v1/events', { events }, publicKey);
          if (answer.status === 200) {
            latencies.push(performance.now() - sent);
            acknowledged += answer.body.accepted as number;
          } else failed += 1;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const elapsed = (performance.now() - started) / 1000;
      const cpu = cpuSplit(cpuBefore, sampleCpu(service.pid, neo4jPid));
      const serviceCounts = { before: serviceBefore, after: await readServiceCounts() };
      return summarise(name, siteId, Float64Array.from(latencies).sort(), {
        acknowledged,
        failed,
        seconds: elapsed,
        cpu,
        service: serviceCounts,
        startedAt,
      });
    };

    /**
     * Open loop: one single-event request every 1/rate s whatever the answers do, latency from
     * each request's scheduled time (queueing included). This is what "n requests/s at p99 ≤ x"
     * means; a closed loop of c clients instead fixes the mean latency at c / throughput.
     */
    const runSingleAtRate = async (
      name: string,
      rate: number,
      seconds: number,
    ): Promise<PhaseResult> => {
      const { siteId, publicKey } = await createSite(name);
      let acknowledged = 0;
      const serviceBefore = await readServiceCounts();
      const cpuBefore = sampleCpu(service.pid, neo4jPid);
      const samples: RequestSample[] = [];
      const startedAt = wallClock();
      const phaseStart = performance.now();
      const result = await runOpenLoop({
        ratePerSecond: rate,
        durationMs: seconds * 1000,
        warmupMs: 0,
        maxInFlight: OPEN_LOOP_MAX_IN_FLIGHT,
        send: async () => {
          const sentAt = performance.now();
          const answer = await client.send(
            'POST',
            '/v1/events',
            { events: [population.nextEvent()] },
            publicKey,
          );
          if (answer.status !== 200) return false;
          samples.push({
            sentAtMs: sentAt - phaseStart,
            totalMs: performance.now() - sentAt,
            serviceMs: serviceMsOf(answer.serverTiming),
          });
          acknowledged += answer.body.accepted as number;
          return true;
        },
      });
      const cpu = cpuSplit(cpuBefore, sampleCpu(service.pid, neo4jPid));
      const serviceCounts = { before: serviceBefore, after: await readServiceCounts() };
      return {
        ...(await summarise(name, siteId, result.latenciesMs, {
          acknowledged,
          failed: result.errors,
          dropped: result.dropped,
          seconds,
          cpu,
          service: serviceCounts,
        })),
        slowest: formatSlowest(summarizeSlowest(samples, 0.01)),
        startedAt,
      };
    };

    /** Unmeasured rounds of the phase's shape until throughput stops rising (warm-up.ts). */
    const warmUp = async (concurrency: number, eventsPerRequest: number) => {
      const rates: number[] = [];
      while (WARMUP_SECONDS > 0 && needsAnotherRound(rates, WARMUP_ROUNDS)) {
        process.stderr.write(
          `warming up for ${WARMUP_SECONDS} s (${eventsPerRequest}-event requests, round ${rates.length + 1})…`,
        );
        const round = await runClosedLoop('warm-up', concurrency, eventsPerRequest, WARMUP_SECONDS);
        rates.push(round.acknowledged / round.seconds);
        process.stderr.write(` ${Math.round(rates.at(-1)!)} events/s\n`);
      }
    };
    if (PHASES.has('single')) {
      await warmUp(SINGLE_CONCURRENCY, 1);
      process.stderr.write(`single-event requests at ${SINGLE_RATE}/s for ${SECONDS} s…\n`);
      single = await runSingleAtRate(
        `single-event requests at ${SINGLE_RATE}/s (open loop)`,
        SINGLE_RATE,
        SECONDS,
      );
      results.push(single);
      process.stderr.write(
        `single-event requests from ${SINGLE_CONCURRENCY} clients for ${SECONDS} s…\n`,
      );
      results.push(
        await runClosedLoop(
          `single-event requests, ${SINGLE_CONCURRENCY} clients (closed loop: the most it takes)`,
          SINGLE_CONCURRENCY,
          1,
          SECONDS,
        ),
      );
    }
    if (PHASES.has('batch')) {
      await warmUp(BATCH_CONCURRENCY, BATCH_SIZE);
      process.stderr.write(
        `${BATCH_SIZE}-event batches from ${BATCH_CONCURRENCY} clients for ${SECONDS} s…\n`,
      );
      batch = await runClosedLoop(
        `${BATCH_SIZE}-event batches, ${BATCH_CONCURRENCY} clients`,
        BATCH_CONCURRENCY,
        BATCH_SIZE,
        SECONDS,
      );
      results.push(batch);
    }
  } finally {
    await client.close();
    printReport(results, { single, batch }, neo4jUri, loadBefore);
    // Left behind, the sites' events and dirty items would slow the next run (and fill the
    // database); the service (and the local Neo4j it may have started) stops after that.
    try {
      if (env.BENCH_KEEP_SITES !== '1')
        for (const siteId of createdSites)
          await deleteBenchSite(driver, siteId, {
            log: (line) => process.stderr.write(`${line}\n`),
          });
    } finally {
      await driver.close();
      await service.stop();
    }
  }
}

function printReport(
  results: PhaseResult[],
  { single, batch }: { single?: PhaseResult; batch?: PhaseResult },
  neo4jUri: string,
  loadBefore: number,
): void {
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
    `load average (1 min): ${loadBefore.toFixed(2)} before the run, ${loadavg()[0]!.toFixed(2)} after; unmeasured warm-up before each phase in rounds of ${WARMUP_SECONDS} s until throughput levels off\n`,
  );
  for (const result of results) {
    console.log(
      `${result.name} (${result.seconds.toFixed(1)} s${result.startedAt ? `, from ${result.startedAt} UTC` : ''})`,
    );
    console.log(
      `  requests           ${result.requests} (${(result.requests / result.seconds).toFixed(0)}/s), failed ${result.failed}${result.dropped ? `, not sent (${OPEN_LOOP_MAX_IN_FLIGHT} in flight) ${result.dropped}` : ''}`,
    );
    console.log(
      `  events acknowledged ${result.acknowledged} (${(result.acknowledged / result.seconds).toFixed(0)}/s)`,
    );
    console.log(
      `  events stored      ${result.stored} (${(result.stored / result.seconds).toFixed(0)}/s, counted in the graph)`,
    );
    console.log(
      `  latency            p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
    );
    console.log(`  CPU                ${formatCpuSplit(result.cpu)}`);
    console.log(
      `  over 50 ms in the service: ${formatSlowCounts(result.service?.before, result.service?.after)}`,
    );
    if (result.slowest) console.log(`  ${result.slowest}`);
    console.log(
      `  graph statements in the service: ${formatQueryTime(result.service?.before, result.service?.after)}\n`,
    );
  }
  if (single && batch) {
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `target: ≥ ${TARGETS.batchStoredPerSecond} events/s stored through batches: ${(batch.stored / batch.seconds).toFixed(0)}/s, ${verdict(batch.stored / batch.seconds >= TARGETS.batchStoredPerSecond)}`,
    );
    const singleRate = (single.requests - single.failed) / single.seconds;
    console.log(
      `target: ≥ ${TARGETS.singleRequestsPerSecond} single-event requests/s at p99 ≤ ${TARGETS.singleP99Ms} ms: ${singleRate.toFixed(0)}/s at p99 ${single.p99.toFixed(1)} ms, ${verdict(singleRate >= TARGETS.singleRequestsPerSecond && single.p99 <= TARGETS.singleP99Ms)}`,
    );
  }
}

await main();

/** The time of day in UTC to a tenth of a second, as Neo4j's logs and the service's give it. */
function wallClock(): string {
  return new Date().toISOString().slice(11, 21);
}
