/**
 * Quality harness: loads training interactions into a fresh site through the real API, asks the
 * real API for k recommendations per test user and prints precision, recall, nDCG, hit rate and
 * coverage beside popularity and item-kNN baselines computed on the same split. See EVAL_USAGE.
 */
import { writeFile } from 'node:fs/promises';
import { startBenchService } from './support/bench-service.js';
import { createJsonHttp } from './support/json-http.js';
import { deleteBenchSite } from './support/delete-site.js';
import { describeMachine } from './support/machine.js';
import { waitForSimilarityRefresher } from './support/similarity-backlog.js';
import { createRecographApi } from './support/recograph-api.js';
import {
  createItemKnnRecommender,
  createPopularityRecommender,
  indexTraining,
  type Recommend,
} from './eval/baselines.js';
import { readInteractionsCsv, type Interaction } from './eval/csv-reader.js';
import { EVAL_USAGE, parseEvalOptions, type EvalOptions } from './eval/eval-options.js';
import { compareWithItemKnn, formatComparisonTable, toJsonReport } from './eval/eval-report.js';
import { evaluateRankings, groupRelevantItems } from './eval/metrics.js';
import { evaluateRecograph } from './eval/recograph-evaluation.js';
import { splitPerUser } from './eval/split.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  let options: EvalOptions;
  try {
    options = parseEvalOptions(process.argv.slice(2));
  } catch (error) {
    log(`${(error as Error).message}\n\n${EVAL_USAGE}`);
    process.exit(2);
  }
  const { train, test, description } = await readData(options);
  const index = indexTraining(train);
  const relevant = groupRelevantItems(test, new Set(index.userItems.keys()));
  const users = [...relevant.keys()];
  const coldUsers = new Set(
    test.map((row) => row.user).filter((user) => !index.userItems.has(user)),
  ).size;
  if (coldUsers > 0) log(`${coldUsers} test users have no training rows and are left out`);
  const catalogueSize = index.itemIds.length;
  log(
    `${description}: ${train.length} training rows, ${test.length} test rows; ${index.userItems.size} users, ${catalogueSize} items in training; ${users.length} test users evaluated`,
  );

  const started = Date.now();
  const rank = (recommend: Recommend) =>
    new Map(users.map((user) => [user, recommend(user, options.k)]));
  const popularity = evaluateRankings({
    rankings: rank(createPopularityRecommender(index)),
    relevant,
    k: options.k,
    catalogueSize,
  });
  const itemKnn = evaluateRankings({
    rankings: rank(createItemKnnRecommender(index, { neighbours: options.neighbours })),
    relevant,
    k: options.k,
    catalogueSize,
  });
  log(`baselines computed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const service = await startBenchService({ url: options.url, adminToken: options.adminToken });
  const http = createJsonHttp(service.baseUrl, { maxSockets: 16 });
  let result;
  try {
    result = await evaluateRecograph({
      api: createRecographApi(http),
      adminToken: service.adminToken,
      train,
      users,
      k: options.k,
      eventType: options.eventType,
      itemType: options.itemType,
      timestamps: options.timestamps,
      settleTimeoutMs: options.settleTimeoutMs,
      awaitRefresher: service.driver
        ? (siteId) =>
            waitForSimilarityRefresher(service.driver!, siteId, {
              timeoutMs: options.settleTimeoutMs,
              log,
            })
        : undefined,
      log,
    });
    if (service.driver && !options.keepSite)
      await deleteBenchSite(service.driver, result.siteId, { log });
  } finally {
    await http.close();
    await service.stop();
  }
  const recograph = evaluateRankings({
    rankings: result.rankings,
    relevant,
    k: options.k,
    catalogueSize,
  });
  const figures = { k: options.k, recograph, popularity, itemKnn };

  const { timings } = result;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\n${description}, k = ${options.k}, every held-out row relevant, training items excluded, ${users.length} users\n`,
  );
  console.log(formatComparisonTable(figures));
  const versus = compareWithItemKnn(figures);
  console.log(
    `\nRecograph ${versus.matches ? 'matches' : 'is below'} its item-kNN baseline (P@${options.k} ${versus.difference >= 0 ? '+' : ''}${versus.difference.toFixed(4)}).`,
  );
  console.log(
    `Load ${seconds(timings.loadMs)} (${Math.round(train.length / (timings.loadMs / 1000))} events/s), refresher ${timings.settled ? 'settled' : 'NOT settled'} after ${seconds(timings.settleMs)}, ` +
      `${users.length} recommendation requests in ${seconds(timings.requestMs)}; ${result.listsWithFallback} lists partly filled by a fallback model.`,
  );
  console.log(
    `Site ${result.siteId} on ${service.baseUrl} (Neo4j ${service.neo4jUri}); ${describeMachine()}`,
  );
  if (options.json) {
    const report = toJsonReport(figures, {
      data: description,
      eventType: options.eventType,
      siteId: result.siteId,
      timings,
      machine: describeMachine(),
    });
    await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${options.json}`);
  }
}

async function readData(
  options: EvalOptions,
): Promise<{ train: Interaction[]; test: Interaction[]; description: string }> {
  if (options.source.kind === 'files') {
    const [train, test] = await Promise.all([
      readInteractionsCsv(options.source.train),
      readInteractionsCsv(options.source.test),
    ]);
    return { train, test, description: `${options.source.train} / ${options.source.test}` };
  }
  const { dataset, split } = options.source;
  const rows = await readInteractionsCsv(dataset);
  return {
    ...splitPerUser(rows, split),
    description: `${dataset} split random:${split.testFraction}:${split.seed}`,
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
