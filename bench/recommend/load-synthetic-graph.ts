import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findProjectRoot } from '../../src/config/project-paths.js';
import { chunk, deterministicUuid } from '../eval/interaction-events.js';
import { expectStatus, type JsonHttp } from '../support/json-http.js';
import { createProgress } from '../support/progress.js';
import type { BenchSite, RecographApi } from '../support/recograph-api.js';
import { runPool, runStream } from '../support/run-pool.js';
import {
  generateInteractions,
  toCatalogueItem,
  type SyntheticSpec,
} from './synthetic-interactions.js';

const EVENT_BATCH = 500;
const EVENT_CONCURRENCY = 8;
const ITEM_BATCH = 1000;
const REUSE_FILE = join(findProjectRoot(), 'bench', 'results', 'recommend-site.json');

/** What a reuse record must match: the same graph on the same database. */
export function describeGraph(spec: SyntheticSpec, database: string): string {
  return `${database} users=${spec.users} items=${spec.items} interactions=${spec.interactions} categories=${spec.categories} seed=${spec.seed}`;
}

export function readReusableSite(graph: string): BenchSite | undefined {
  if (!existsSync(REUSE_FILE)) return undefined;
  const record = JSON.parse(readFileSync(REUSE_FILE, 'utf8')) as { graph: string; site: BenchSite };
  return record.graph === graph ? record.site : undefined;
}

/** Kept under bench/results/ (ignored by git): it holds the site's secret key. */
export function rememberSite(graph: string, site: BenchSite): void {
  mkdirSync(dirname(REUSE_FILE), { recursive: true });
  writeFileSync(
    REUSE_FILE,
    `${JSON.stringify({ graph, site, loadedAt: new Date().toISOString() }, null, 2)}\n`,
    { mode: 0o600 },
  );
}

export function forgetSite(): void {
  rmSync(REUSE_FILE, { force: true });
}

/**
 * Loads the synthetic graph through the public API, as a shop would: the catalogue with
 * `POST /v1/items` (1000 per request), then every interaction as an event with `POST /v1/events`
 * (500 per request, 8 requests in flight, secret key because most timestamps are older than 24 h).
 * Event ids are deterministic, so an interrupted load can be run again onto the same site.
 */
export async function loadSyntheticGraph(
  http: JsonHttp,
  api: RecographApi,
  site: BenchSite,
  spec: SyntheticSpec,
  log: (line: string) => void,
): Promise<{ catalogueMs: number; eventsMs: number }> {
  const catalogueStarted = Date.now();
  const itemBatches = chunk(
    Array.from({ length: spec.items }, (_, index) => toCatalogueItem(index, spec.categories)),
    ITEM_BATCH,
  );
  const itemProgress = createProgress('catalogue items', spec.items);
  await runPool(itemBatches, 2, async (items) => {
    expectStatus(
      await http.send('POST', '/v1/items', { key: site.secretKey, body: { items } }),
      [200, 201, 207],
      'POST /v1/items',
    );
    itemProgress.add(items.length);
  });
  itemProgress.finish();
  const catalogueMs = Date.now() - catalogueStarted;

  const eventsStarted = Date.now();
  const eventProgress = createProgress('events', spec.interactions);
  let number = 0;
  const events = generateInteractions(spec, Date.now());
  function* batches() {
    let batch: Record<string, unknown>[] = [];
    for (const interaction of events) {
      batch.push({
        id: deterministicUuid(`${site.id}\n${number++}`),
        type: interaction.type,
        user: interaction.user,
        item: interaction.item,
        timestamp: interaction.at,
        ...(interaction.type === 'buy' ? { quantity: 1 } : {}),
      });
      if (batch.length === EVENT_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  await runStream(batches(), EVENT_CONCURRENCY, async (batch) => {
    const answer = await api.postEvents(site.secretKey, batch);
    if (answer.rejected.length > 0)
      throw new Error(`events rejected: ${JSON.stringify(answer.rejected.slice(0, 3))}`);
    eventProgress.add(batch.length);
  });
  eventProgress.finish();
  log(`loaded ${spec.items} items and ${spec.interactions} events`);
  return { catalogueMs, eventsMs: Date.now() - eventsStarted };
}
