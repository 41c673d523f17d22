import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { createRandom } from '../eval/split.js';
import type { JsonHttp } from '../support/json-http.js';
import {
  recommendationPath,
  type BenchSite,
  type RecographApi,
  type RecommendationAnswer,
} from '../support/recograph-api.js';
import { readMetricsText } from '../support/metrics-text.js';
import { cacheCountsOf, formatHitRates } from './cache-stats.js';
import { formatSlowCounts, parseSlowCounts } from '../support/slow-counts.js';
import { cpuSplit, sampleCpu, type CpuSample } from '../support/cpu-split.js';
import { percentile, runOpenLoop } from '../support/open-loop.js';
import {
  formatSlowest,
  serviceMsOf,
  summarizeSlowest,
  type RequestSample,
} from '../support/slowest-requests.js';
import type { BenchModel, RecommendBenchOptions } from './recommend-options.js';
import {
  createZipfSampler,
  generateInteractions,
  itemIdOf,
  SYNTHETIC_DEFAULTS,
  userIdOf,
  type SyntheticSpec,
} from './synthetic-interactions.js';

export interface ModelFigures {
  model: BenchModel;
  targetPerSecond: number;
  achievedPerSecond: number;
  sent: number;
  errors: number;
  dropped: number;
  /** Successful answers with fewer items than asked. */
  shortLists: number;
  /** Failed requests (warm-up included) by HTTP status or client error message. */
  errorKinds: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * Longest event-loop delay of this benchmark process during the measured phase: a stall here
   * delays sends and reads, and shows as latency the service did not cause.
   */
  clientLoopMaxMs?: number;
  /** One request at a time, before the open-loop phase. */
  unloaded?: { p50: number; p99: number };
  /**
   * The warm-up phase at the same rate, from a service just started (caches filling, JIT): what
   * the first minutes after a deploy look like. Not part of the measured figures.
   */
  warmup: { p50: number; p99: number };
  /** Hit rates of the service's request-path caches during the measured phase. */
  cacheHits: string;
  /** The service's requests and graph statements over 100 ms during the measured phase. */
  slowInService: string;
  /** How busy the machine was during the measured phase, and how much the hypervisor took. */
  machineCpu: string;
  /** The slowest 1 % of the measured phase: service time against time outside, and when. */
  slowest: string;
}

const MAX_IN_FLIGHT = 512;

export function scenarioIdOf(model: BenchModel): string {
  return `bench-${model.replace('_', '-')}`;
}

/** One scenario per model holding that model alone, so each figure measures one model. */
export async function putBenchScenarios(
  api: RecographApi,
  site: BenchSite,
  limit: number,
): Promise<void> {
  for (const model of ['also_bought', 'personalized', 'popular'] as const) {
    await api.putScenario(site.secretKey, scenarioIdOf(model), {
      models: [model],
      limit,
      filters: { excludeContext: true },
    });
  }
}

/**
 * Request makers: also_bought with one context item drawn by popularity (as product pages are
 * visited), personalized for a uniformly drawn user who has a history, popular with no input.
 */
export function createRequestMakers(
  spec: SyntheticSpec,
  limit: number,
): Record<BenchModel, () => string> {
  const random = createRandom(spec.seed + 1);
  const drawItem = createZipfSampler(spec.items, SYNTHETIC_DEFAULTS.itemExponent, random);
  const activeUsers = listActiveUsers(spec);
  return {
    also_bought: () =>
      recommendationPath(scenarioIdOf('also_bought'), { context: itemIdOf(drawItem()), limit }),
    personalized: () =>
      recommendationPath(scenarioIdOf('personalized'), {
        user: userIdOf(activeUsers[Math.floor(random() * activeUsers.length)]!),
        limit,
      }),
    popular: () => recommendationPath(scenarioIdOf('popular'), { limit }),
  };
}

function listActiveUsers(spec: SyntheticSpec): number[] {
  const active = new Uint8Array(spec.users);
  for (const { user } of generateInteractions(spec, 0))
    active[Number(user.slice('user-'.length))] = 1;
  const users: number[] = [];
  active.forEach((flag, user) => {
    if (flag) users.push(user);
  });
  return users;
}

export async function driveModel(
  http: JsonHttp,
  site: BenchSite,
  model: BenchModel,
  makePath: () => string,
  options: RecommendBenchOptions,
): Promise<ModelFigures> {
  let shortLists = 0;
  const errorKinds: Record<string, number> = {};
  const countError = (kind: string) => {
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  const rate = options.rates[model];
  let before: Promise<string | undefined> = Promise.resolve(undefined);
  let loopDelay: IntervalHistogram | undefined;
  let cpuBefore: CpuSample | undefined;
  let measuredFrom: number | undefined;
  const samples: RequestSample[] = [];
  const result = await runOpenLoop({
    onMeasuredStart: () => {
      measuredFrom = performance.now();
      cpuBefore = sampleCpu(undefined);
      before = readMetricsText(http.baseUrl);
      loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
    },
    ratePerSecond: rate,
    durationMs: options.duration * 1000,
    warmupMs: options.warmup * 1000,
    maxInFlight: MAX_IN_FLIGHT,
    send: async () => {
      const sentAt = performance.now();
      const response = await http
        .send<RecommendationAnswer>('GET', makePath(), { key: site.publicKey, timeoutMs: 30_000 })
        .catch((error: unknown) => {
          countError(error instanceof Error ? error.message : String(error));
          return undefined;
        });
      if (!response) return false;
      if (response.status !== 200) {
        countError(`HTTP ${response.status}`);
        return false;
      }
      if (measuredFrom !== undefined && sentAt >= measuredFrom)
        samples.push({
          sentAtMs: sentAt - measuredFrom,
          totalMs: performance.now() - sentAt,
          serviceMs: serviceMsOf(response.headers['server-timing']),
        });
      if (response.body.items.length < options.limit) shortLists += 1;
      return true;
    },
  });
  loopDelay?.disable();
  const cpu = cpuBefore && cpuSplit(cpuBefore, sampleCpu(undefined));
  const [first, last] = [await before, await readMetricsText(http.baseUrl)];
  const slowCounts = (text: string | undefined) =>
    text === undefined ? undefined : parseSlowCounts(text, 0.1);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    model,
    cacheHits: formatHitRates(cacheCountsOf(first), cacheCountsOf(last)),
    slowInService: formatSlowCounts(slowCounts(first), slowCounts(last)),
    machineCpu: cpu
      ? `machine ${Math.round(cpu.machine * 100)} % busy, ${Math.round(cpu.steal * 100)} % stolen by the hypervisor`
      : 'machine: unknown',
    slowest: formatSlowest(summarizeSlowest(samples, 0.01)),
    targetPerSecond: rate,
    achievedPerSecond: round(result.achievedPerSecond),
    sent: result.sent,
    errors: result.errors,
    dropped: result.dropped,
    shortLists,
    errorKinds,
    p50: round(percentile(result.latenciesMs, 50)),
    p95: round(percentile(result.latenciesMs, 95)),
    p99: round(percentile(result.latenciesMs, 99)),
    max: round(percentile(result.latenciesMs, 100)),
    warmup: {
      p50: round(percentile(result.warmupLatenciesMs, 50)),
      p99: round(percentile(result.warmupLatenciesMs, 99)),
    },
    ...(loopDelay && { clientLoopMaxMs: round(loopDelay.max / 1e6) }),
  };
}

/** Closed loop, one request at a time: what a request costs when nothing queues (for diagnosis). */
export async function measureUnloaded(
  http: JsonHttp,
  site: BenchSite,
  makePath: () => string,
  requests: number,
): Promise<{ p50: number; p99: number }> {
  const latencies: number[] = [];
  for (let index = 0; index < requests; index += 1) {
    const started = performance.now();
    const response = await http.send('GET', makePath(), { key: site.publicKey, timeoutMs: 30_000 });
    if (response.status === 200) latencies.push(performance.now() - started);
  }
  const sorted = Float64Array.from(latencies).sort();
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
}

export function formatModelTable(rows: ModelFigures[]): string {
  const header = [
    'model',
    'target/s',
    'achieved/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'errors',
    'dropped',
    'short lists',
    'unloaded p50/p99 ms',
    'warm-up p50/p99 ms',
    'bench loop max ms',
    'cache hits',
  ];
  const body = rows.map((row) =>
    [
      row.model,
      row.targetPerSecond,
      row.achievedPerSecond,
      row.p50,
      row.p95,
      row.p99,
      row.max,
      row.errors,
      row.dropped,
      row.shortLists,
      row.unloaded ? `${row.unloaded.p50}/${row.unloaded.p99}` : '-',
      `${row.warmup.p50}/${row.warmup.p99}`,
      row.clientLoopMaxMs ?? '-',
      row.cacheHits,
    ].map(String),
  );
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((cells) => cells[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  const slow = rows.flatMap((row) => [
    `${row.model}: over 100 ms in the service: ${row.slowInService}; ${row.machineCpu}`,
    `${row.model}: ${row.slowest}`,
  ]);
  return [line(header), ...body.map(line), '', ...slow].join('\n');
}
