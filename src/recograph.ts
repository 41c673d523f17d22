import type { Server } from 'node:http';
import type Koa from 'koa';
import type { Driver } from 'neo4j-driver';
import { createApp } from './app.js';
import type { Config } from './config/config.js';
import { AppError } from './errors/app-error.js';
import { createCypherRegistry, findCypherDirectory } from './graph/cypher-registry.js';
import { applySchemaMigrations, readSchemaMigrations } from './graph/migrations.js';
import { createQueryExecutor, type QueryExecutor } from './graph/query-executor.js';
import { createHealthRouter, healthRouteDocs, type Readiness } from './health/health-routes.js';
import { createOpenApiRegistry, createOpenApiRouter } from './http/openapi.js';
import {
  createHttpMetricsMiddleware,
  createMetrics,
  createMetricsRouter,
  type Metrics,
} from './metrics/metrics.js';
import type { Logger } from './logging/logger.js';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { findProjectRoot } from './config/project-paths.js';
import { createDemoRouter } from './demo/demo-routes.js';
import { createDemoState, prepareDemoSite } from './demo/demo-site.js';
import { createSdkRouter } from './sdk/sdk-routes.js';
import { createLocalChangeBus, type ChangeBus } from './changes/change-bus.js';
import { createCors } from './sites/cors.js';
import { createSiteRouter, createWhoAmIRouter, siteRouteDocs } from './sites/site-routes.js';
import { createSiteService, type SiteService } from './sites/site-service.js';
import { createEventIngestor, type EventIngestor } from './tracking/event-ingestor.js';
import { createUserErasure } from './tracking/user-erasure.js';
import { createUserRouter, userRouteDocs } from './tracking/user-routes.js';
import { createEventPruner } from './tracking/event-pruner.js';
import { createEventRouter, eventRouteDocs } from './tracking/event-routes.js';
import { createStats, type Stats } from './stats/stats-service.js';
import { createStatsRouter, statsRouteDocs } from './stats/stats-routes.js';
import { ROLLUP_DEFAULTS } from './stats/stats-rollup.js';
import { createLiveServer, type LiveServer } from './live/live-server.js';
import type { LiveOptions } from './live/live-options.js';
import { createRedisChangeBus } from './live/redis-change-bus.js';
import { createUserResolver } from './live/user-resolver.js';
import { createCatalog, type Catalog } from './catalog/catalog-service.js';
import { createCatalogRouter } from './catalog/catalog-routes.js';
import { catalogRouteDocs } from './catalog/catalog-route-docs.js';
import { recommendRouteDocs } from './recommend/recommend-route-docs.js';
import { createScenarioStore, type ScenarioStore } from './recommend/scenario-store.js';
import { createScenarioRouter } from './recommend/scenario-routes.js';
import { createRecommender, type Recommender } from './recommend/recommender.js';
import { createRecommendationRouter } from './recommend/recommendation-routes.js';
import {
  createSimilarityRefresher,
  type SimilarityRefresher,
} from './recommend/similarity/similarity-refresher.js';

export interface RecographDeps {
  config: Config;
  driver: Driver;
  logger: Logger;
  cypherDirectory?: string;
  /** Live protocol tunables beyond LIVE_MIN_INTERVAL_MS (tests shorten the ping interval, lower the caps). */
  live?: Partial<LiveOptions>;
  /** How long the statistics rollup waits for writes to settle (tests count at once). */
  statsSettleMs?: number;
  /** The demo shop's site id (default `demo`); tests give theirs a unique one. */
  demoSiteId?: string;
}

export interface Recograph {
  app: Koa;
  executor: QueryExecutor;
  readiness: Readiness;
  changes: ChangeBus;
  sites: SiteService;
  metrics: Metrics;
  ingestor: EventIngestor;
  live: LiveServer;
  catalog: Catalog;
  scenarios: ScenarioStore;
  recommender: Recommender;
  refresher: SimilarityRefresher;
  stats: Stats;
  /** Applies the schema (retrying while Neo4j is unreachable) and starts background work. */
  start(): Promise<void>;
  /** Lets upgrade handlers (live recommendations) share the HTTP server. */
  attach(server: Server): void;
  /** Stops background work and live connections; the caller closes the driver afterwards. */
  stop(): Promise<void>;
}

const API_VERSION = '0.1.0';

/** Wires every capability from plain dependencies; main.ts and the tests both build the service here. */
export function createRecograph(deps: RecographDeps): Recograph {
  const { config, driver, logger } = deps;
  const cypherDirectory = deps.cypherDirectory ?? findCypherDirectory();
  const registry = createCypherRegistry(cypherDirectory);
  const metrics = createMetrics();
  const queryDuration = metrics.histogram(
    'recograph_graph_query_duration_seconds',
    'Neo4j statements by registered name and outcome: session, round trips and retries included',
    ['query', 'outcome'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  );
  const executor = createQueryExecutor({
    driver,
    registry,
    database: config.neo4j.database,
    logger,
    defaultTimeoutMs: config.neo4j.queryTimeoutMs,
    observe: (query, seconds, outcome) => queryDuration.observe({ query, outcome }, seconds),
  });
  const readiness: Readiness = { schemaApplied: false, shuttingDown: false };
  const migrations = readSchemaMigrations(join(cypherDirectory, 'schema'));

  const redisChanges = config.redisUrl
    ? createRedisChangeBus({ url: config.redisUrl, logger })
    : undefined;
  const changes: ChangeBus = redisChanges ?? createLocalChangeBus();
  const catalog = createCatalog({ executor, registry, changes });
  const scenarios = createScenarioStore({ executor, registry });
  const sites = createSiteService({ executor, changes, onSiteCreated: [scenarios.createDefaults] });
  const ingestor = createEventIngestor({ executor, registry, changes, logger });
  const eventPruner = createEventPruner({ executor, registry, logger });
  const erasure = createUserErasure({ executor, registry, changes });
  const stats = createStats({
    executor,
    registry,
    logger,
    // past the longest an event write can take to commit after stamping storedAt: its timeout,
    // the executor's retries (5 s) and another attempt
    settleMs:
      deps.statsSettleMs ??
      Math.max(ROLLUP_DEFAULTS.settleMs, 2 * config.neo4j.queryTimeoutMs + 10_000),
    writing: () => ingestor.busy(),
    writeLoad: () => ingestor.load(),
  });
  const recommender = createRecommender({ executor, registry, scenarios, changes });
  const refresher = createSimilarityRefresher({
    executor,
    registry,
    changes,
    logger,
    writing: () => ingestor.busy(),
    writeLoad: () => ingestor.load(),
    settings: { minIntervalMs: config.similarityMinIntervalMs },
  });

  metrics.observed(
    'recograph_recommend_cache',
    'Request-path caches of SIMILAR lists and candidate item details: entries, weight (list entries), hits and misses since start',
    ['cache', 'measure'],
    () =>
      Object.entries(recommender.cacheStats()).flatMap(([cache, stats]) =>
        Object.entries(stats).map(([measure, value]) => ({ labels: { cache, measure }, value })),
      ),
  );
  metrics.observed(
    'recograph_stats_counted_until_seconds',
    'Statistics rollup: events stored up to this time (Unix seconds) are counted, as last seen by this instance (absent where the rollup does not run); it trails the clock by about a minute',
    [],
    () => {
      const cursor = stats.rollup.lastSeenCursor();
      return cursor === null ? [] : [{ labels: {}, value: cursor / 1_000 }];
    },
  );
  const resolveUsers = createUserResolver({ executor, registry });
  const live = createLiveServer({
    sites,
    changes,
    recommender,
    ingestor,
    resolveUsers,
    logger,
    metrics,
    options: { minIntervalMs: config.liveMinIntervalMs, ...deps.live },
    onFirstList: (siteId, scenario) => stats.requests.count(siteId, scenario, 'subscriptions'),
  });
  const openApi = createOpenApiRegistry();
  openApi.add(
    ...healthRouteDocs,
    ...siteRouteDocs,
    ...eventRouteDocs,
    ...userRouteDocs,
    ...catalogRouteDocs,
    ...recommendRouteDocs,
    ...statsRouteDocs,
  );

  const root = findProjectRoot();
  const demo = config.demo ? createDemoState(deps.demoSiteId) : undefined;
  let server: Server | undefined;

  const app = createApp({
    logger,
    middleware: [createHttpMetricsMiddleware(metrics), createCors(sites)],
    routers: [
      createHealthRouter({ executor, readiness }),
      createMetricsRouter(metrics),
      createOpenApiRouter(openApi, API_VERSION),
      createSiteRouter({ sites, adminToken: config.adminToken }),
      createWhoAmIRouter({ sites }),
      createEventRouter({ sites, ingestor }),
      createUserRouter({ sites, erasure }),
      createCatalogRouter({ sites, catalog }),
      createScenarioRouter({ sites, scenarios }),
      createRecommendationRouter({
        sites,
        recommender,
        onAnswered: (siteId, scenario) => stats.requests.count(siteId, scenario, 'requests'),
      }),
      createStatsRouter({ sites, stats }),
      createSdkRouter({ clientDistDirectory: join(root, 'client', 'dist') }),
      ...(demo
        ? [createDemoRouter({ state: demo, assetsDirectory: join(root, 'client', 'demo') })]
        : []),
    ],
  });

  return {
    app,
    executor,
    readiness,
    changes,
    sites,
    metrics,
    ingestor,
    live,
    catalog,
    scenarios,
    recommender,
    refresher,
    stats,
    async start() {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await applySchemaMigrations(executor, migrations, logger);
          break;
        } catch (error) {
          const transient =
            error instanceof AppError &&
            (error.code === 'NEO4J_UNAVAILABLE' || error.code === 'GRAPH_QUERY_TIMEOUT');
          if (!transient || readiness.shuttingDown) throw error;
          const waitMs = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
          logger.warn({ attempt, waitMs }, 'Neo4j unavailable while applying the schema; retrying');
          await new Promise((resolve) => setTimeout(resolve, waitMs));
        }
      }
      readiness.schemaApplied = true;
      if (!readiness.shuttingDown) stats.start({ rollup: config.backgroundWork });
      if (config.backgroundWork && !readiness.shuttingDown) {
        eventPruner.start();
        refresher.start();
      } else if (!config.backgroundWork)
        logger.info(
          'BACKGROUND_WORK=0: similarity refresher, event pruner and statistics rollup left to other instances',
        );
      if (redisChanges && !(await redisChanges.ready(10_000)))
        logger.warn('Redis is not reachable yet: live changes stay on this instance until it is');
      if (demo && server?.listening) {
        const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        // In the background: the API is ready while the demo shop is being stocked.
        prepareDemoSite({ sites, baseUrl, logger, state: demo }).catch((error: unknown) =>
          logger.error({ err: error }, 'demo: could not prepare the demo shop'),
        );
      }
    },
    attach(httpServer) {
      server = httpServer;
      live.attach(httpServer);
    },
    async stop() {
      readiness.shuttingDown = true;
      await live.close();
      await refresher.stop();
      await eventPruner.stop();
      await stats.stop();
      await ingestor.close();
      await changes.close();
    },
  };
}
