/**
 * Recommendation benchmark: a synthetic shop (default 100k users, 10k items, 1M view/buy events
 * with Zipf popularity) loaded through the public API, then also_bought, personalized and popular
 * each driven at a constant arrival rate; prints p50/p95/p99 latency and achieved throughput.
 * Options: RECOMMEND_BENCH_USAGE. Neo4j: NEO4J_URI, else the local launcher (same machine).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { findProjectRoot } from '../src/config/project-paths.js';
import { createDriver } from '../src/graph/create-driver.js';
import { deleteBenchSite } from './support/delete-site.js';
import { createJsonHttp } from './support/json-http.js';
import { describeMachine } from './support/machine.js';
import { formatDuration } from './support/progress.js';
import { createRecographApi } from './support/recograph-api.js';
import { startServiceProcess } from './support/service-process.js';
import { waitForSimilarityRefresher } from './support/similarity-backlog.js';
import {
  createRequestMakers,
  driveModel,
  formatModelTable,
  measureUnloaded,
  putBenchScenarios,
  type ModelFigures,
} from './recommend/drive-models.js';
import {
  describeGraph,
  forgetSite,
  loadSyntheticGraph,
  readReusableSite,
  rememberSite,
} from './recommend/load-synthetic-graph.js';
import {
  BENCH_MODELS,
  parseRecommendBenchOptions,
  RECOMMEND_BENCH_USAGE,
  type RecommendBenchOptions,
} from './recommend/recommend-options.js';

const UNLOADED_REQUESTS = 200;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  let options: RecommendBenchOptions;
  try {
    options = parseRecommendBenchOptions(process.argv.slice(2));
  } catch (error) {
    log(`${(error as Error).message}\n\n${RECOMMEND_BENCH_USAGE}`);
    process.exit(2);
  }
  const config = loadConfig();
  const neo4jUri = config.neo4j.uri ?? `bolt://127.0.0.1:${config.localNeo4j.boltPort}`;
  const spec = {
    users: options.users,
    items: options.items,
    interactions: options.interactions,
    categories: options.categories,
    seed: options.seed,
  };
  // The database names the graph (for --reuse) when it is known, even behind a service at --url.
  const graph = describeGraph(spec, config.neo4j.uri ?? options.url ?? neo4jUri);

  const service = options.url
    ? {
        baseUrl: options.url.replace(/\/$/, ''),
        adminToken: options.adminToken!,
        stop: async () => {},
      }
    : await startServiceProcess(process.env);
  const http = createJsonHttp(service.baseUrl, { maxSockets: 256 });
  const api = createRecographApi(http);
  const driver =
    options.url && !config.neo4j.uri
      ? undefined
      : createDriver({
          uri: neo4jUri,
          username: config.neo4j.username,
          password: config.neo4j.password,
        });
  try {
    let site = options.reuse ? readReusableSite(graph) : undefined;
    let load: { catalogueMs: number; eventsMs: number } | undefined;
    if (site) log(`reusing site ${site.id} (${graph})`);
    else {
      site = await api.createSite(service.adminToken, `benchmark ${new Date().toISOString()}`);
      log(`loading ${graph} into site ${site.id}`);
      load = await loadSyntheticGraph(http, api, site, spec, log);
      rememberSite(graph, site);
    }
    const refresher = driver
      ? await waitForSimilarityRefresher(driver, site.id, {
          timeoutMs: options.settleTimeoutMs,
          database: config.neo4j.database,
          // another site's backlog keeps the refresher (and Neo4j) busy during the measurement
          wholeDatabase: true,
          log,
        })
      : undefined;
    await putBenchScenarios(api, site, options.limit);

    const makers = createRequestMakers(spec, options.limit);
    const figures: ModelFigures[] = [];
    for (const model of BENCH_MODELS) {
      if (options.rates[model] === 0) continue;
      log(
        `driving ${model} at ${options.rates[model]}/s for ${options.warmup} s warm-up + ${options.duration} s`,
      );
      const unloaded = await measureUnloaded(http, site, makers[model], UNLOADED_REQUESTS);
      figures.push({ ...(await driveModel(http, site, model, makers[model], options)), unloaded });
    }

    const machine = describeMachine();
    console.log(
      `\nRecommendation benchmark: ${graph}, limit ${options.limit}, open loop, ${options.duration} s measured per model after ${options.warmup} s warm-up`,
    );
    console.log(`Machine: ${machine}; Neo4j ${neo4jUri} on the same machine`);
    if (load)
      console.log(
        `Load through the API: catalogue ${formatDuration(load.catalogueMs / 1000)}, events ${formatDuration(load.eventsMs / 1000)} (${Math.round(options.interactions / (load.eventsMs / 1000))} events/s)`,
      );
    if (refresher)
      console.log(
        `Similarity refresher ${refresher.drained ? 'drained' : 'NOT drained'} after ${formatDuration(refresher.elapsedMs / 1000)} (${refresher.backlog.itemsWithSimilar}/${refresher.backlog.items} items with SIMILAR neighbours; other sites' dirty items ${refresher.backlog.otherDirtyItems})`,
      );
    console.log(`\n${formatModelTable(figures)}`);
    for (const row of figures)
      if (Object.keys(row.errorKinds).length > 0)
        console.log(`${row.model} failures: ${JSON.stringify(row.errorKinds)}`);
    writeResults({ graph, machine, options, load, refresher, figures });
    if (options.drop && driver) {
      forgetSite();
      await deleteBenchSite(driver, site.id, { database: config.neo4j.database, log });
    }
  } finally {
    await http.close();
    await driver?.close();
    await service.stop();
  }
}

function writeResults(results: Record<string, unknown>): void {
  const directory = join(findProjectRoot(), 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `recommend-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(
      `bench:recommend failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
