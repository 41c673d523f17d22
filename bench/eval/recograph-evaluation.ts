import { createProgress } from '../support/progress.js';
import type { RecographApi } from '../support/recograph-api.js';
import { runPool } from '../support/run-pool.js';
import { waitUntilStable } from '../support/wait-until-stable.js';
import type { Interaction } from './csv-reader.js';
import {
  chunk,
  detectRatingScale,
  planTimeShift,
  toEvent,
  type RowEventType,
} from './interaction-events.js';

export const EVAL_SCENARIO = 'eval-personalized';
const BATCH_SIZE = 500;
const LOAD_CONCURRENCY = 6;
const REQUEST_CONCURRENCY = 8;
const SETTLE_SAMPLE_USERS = 25;

export interface RecographEvaluationInput {
  api: RecographApi;
  adminToken: string;
  train: readonly Interaction[];
  /** Users to ask recommendations for. */
  users: readonly string[];
  k: number;
  eventType: RowEventType;
  itemType: string;
  timestamps: 'shift' | 'keep';
  settleTimeoutMs: number;
  /** Waits until the refresher has no dirty item left (possible when the graph can be read directly). */
  awaitRefresher?: (siteId: string) => Promise<{ drained: boolean }>;
  log: (line: string) => void;
}

export interface RecographEvaluationResult {
  siteId: string;
  rankings: Map<string, string[]>;
  timings: { loadMs: number; settleMs: number; settled: boolean; requestMs: number };
  /** Lists the service filled with a model other than personalized (at least one item). */
  listsWithFallback: number;
}

/**
 * Drives the real API: a fresh site, a scenario of the personalized model that leaves out what the
 * user has in training, the training rows as historic events (secret key), a wait for the
 * similarity refresher, then k recommendations for every test user.
 */
export async function evaluateRecograph(
  input: RecographEvaluationInput,
): Promise<RecographEvaluationResult> {
  const { api, log } = input;
  const site = await api.createSite(input.adminToken, `quality run ${new Date().toISOString()}`);
  log(`site ${site.id} created`);
  await api.putScenario(site.secretKey, EVAL_SCENARIO, {
    models: ['personalized'],
    limit: input.k,
    filters: { excludeEventTypes: [input.eventType, 'hide'], excludeContext: true },
    attributes: [],
  });

  const loadStarted = Date.now();
  await loadTrainingEvents(input, site.id, site.secretKey);
  const loadMs = Date.now() - loadStarted;

  const settleStarted = Date.now();
  const drained = await input.awaitRefresher?.(site.id);
  if (drained && !drained.drained)
    log('the similarity refresher still had dirty items at the timeout; measuring anyway');
  const sample = sampleEvenly(input.users, SETTLE_SAMPLE_USERS);
  const readSample = async () =>
    JSON.stringify(
      await runPool(sample, 4, async (user) =>
        (await api.recommend(site.secretKey, EVAL_SCENARIO, { user, limit: input.k })).items.map(
          (item) => `${item.id}:${item.model}`,
        ),
      ),
    );
  const settle = await waitUntilStable(readSample, {
    intervalMs: 3_000,
    // A drained backlog leaves only in-flight work: one unchanged interval is enough then.
    stableReads: drained ? 2 : 3,
    timeoutMs: input.settleTimeoutMs,
    // Lists are filled by popular until similarities exist: settled means personalized answers.
    isReady: (snapshot) => snapshot.includes(':personalized"'),
    onRead: ({ reads, unchanged, elapsedMs }) =>
      log(
        `waiting for the similarity refresher: read ${reads}, unchanged ${unchanged}, ${Math.round(elapsedMs / 1000)} s`,
      ),
  });
  if (!settle.settled)
    log(
      `the sample's recommendations were still changing after ${Math.round(settle.elapsedMs / 1000)} s; measuring anyway`,
    );

  const settleMs = Date.now() - settleStarted;
  const requestStarted = Date.now();
  const progress = createProgress('recommendations', input.users.length);
  const rankings = new Map<string, string[]>();
  let listsWithFallback = 0;
  await runPool(input.users, REQUEST_CONCURRENCY, async (user) => {
    const answer = await api.recommend(site.secretKey, EVAL_SCENARIO, { user, limit: input.k });
    rankings.set(
      user,
      answer.items.map((item) => item.id),
    );
    if (answer.items.some((item) => item.model !== 'personalized')) listsWithFallback += 1;
    progress.add(1);
  });
  progress.finish();
  return {
    siteId: site.id,
    rankings,
    timings: {
      loadMs,
      settleMs,
      settled: settle.settled && (drained?.drained ?? true),
      requestMs: Date.now() - requestStarted,
    },
    listsWithFallback,
  };
}

async function loadTrainingEvents(
  input: RecographEvaluationInput,
  siteId: string,
  secretKey: string,
): Promise<void> {
  const options = {
    siteId,
    eventType: input.eventType,
    itemType: input.itemType,
    timeShiftMs: planTimeShift(input.train, input.timestamps, Date.now()),
    ratingScale: detectRatingScale(input.train),
  };
  // Row numbers, not events, are batched up front: events are built per request (large files).
  const batches = chunk(Array.from(input.train.keys()), BATCH_SIZE);
  const progress = createProgress('training events', input.train.length);
  await runPool(batches, LOAD_CONCURRENCY, async (rowNumbers) => {
    const events = rowNumbers.map((index) => toEvent(input.train[index]!, index, options));
    const answer = await input.api.postEvents(secretKey, events);
    const first = answer.rejected[0];
    if (first)
      throw new Error(
        `${answer.rejected.length} events rejected, e.g. ${JSON.stringify(events[first.index])}: ${first.code} ${first.detail}`,
      );
    progress.add(events.length);
  });
  progress.finish();
}

/** Up to `count` elements spread over the list (deterministic). */
export function sampleEvenly<T>(values: readonly T[], count: number): T[] {
  if (values.length <= count) return [...values];
  const step = values.length / count;
  return Array.from({ length: count }, (_, index) => values[Math.floor(index * step)]!);
}
