import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createDriver } from './graph/create-driver.js';
import { startLocalNeo4j, type LocalNeo4j } from './graph/local-neo4j/local-neo4j.js';
import { MissingToolError } from './graph/local-neo4j/java-tools.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createStallReporter, describeLoopStall, watchLoopStalls } from './metrics/loop-stalls.js';
import type { Metrics } from './metrics/metrics.js';
import { createRecograph } from './recograph.js';

const SHUTDOWN_DRAIN_MS = 10_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (!config.adminToken) {
    config.adminToken = `adm_${randomBytes(24).toString('base64url')}`;
    logger.warn(
      { adminToken: config.adminToken },
      'RECOGRAPH_ADMIN_TOKEN is not set: generated a token for this run only',
    );
  }

  let localNeo4j: LocalNeo4j | undefined;
  const signals = trapSignals(logger);
  if (!config.neo4j.uri) {
    try {
      localNeo4j = await startLocalNeo4j(
        { ...config.localNeo4j, javaHome: config.javaHome },
        logger,
      );
    } catch (error) {
      logger.fatal(
        error instanceof MissingToolError ? { reason: error.message } : { err: error },
        'could not start the local Neo4j',
      );
      process.exit(1);
    }
    if (signals.received) return void (await localNeo4j.stop());
  }
  const uri = config.neo4j.uri ?? localNeo4j!.uri;
  const driver = createDriver({
    uri,
    username: config.neo4j.username,
    password: config.neo4j.password,
  });
  const recograph = createRecograph({ config, driver, logger });
  const server = createServer(recograph.app.callback());
  // Longer than the idle timeout of common clients and load balancers (60 s), so a client never
  // sends a request on a connection the server is closing at that moment (ECONNRESET for the
  // client); shutdown closes idle connections itself.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  recograph.attach(server);
  watchEventLoop(config, logger, recograph.metrics);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info(
    { url: `http://${config.host}:${config.port}`, neo4j: uri },
    'Recograph is listening',
  );

  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string, exitCode = 0) => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, 'shutting down: draining requests');
      recograph.readiness.shuttingDown = true;
      void recograph.live.close(); // open WebSockets would otherwise hold the drain for its whole timeout
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.race([drained, sleep(SHUTDOWN_DRAIN_MS)]);
      server.closeAllConnections();
      await recograph.stop();
      await driver.close();
      await localNeo4j?.stop();
      logger.info('stopped');
      process.exit(exitCode);
    })();
    return shuttingDown;
  };
  signals.onSignal = (signal) => void shutdown(signal);
  if (signals.received) return void (await shutdown(signals.received));

  try {
    await recograph.start();
    logger.info('ready: schema applied, background work started');
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await shutdown('start-up failure', 1);
  }
}

/**
 * Logs (warn) event-loop stalls of LOOP_STALL_WARN_MS or more, with the GC pauses and process CPU
 * inside each (metrics/loop-stalls.ts), and counts them in recograph_event_loop_stalls_total:
 * every request in flight waited that long.
 */
function watchEventLoop(config: Config, logger: Logger, metrics: Metrics): void {
  if (config.loopStallWarnMs === 0) return;
  const stalls = metrics.counter(
    'recograph_event_loop_stalls_total',
    `Event-loop stalls of at least LOOP_STALL_WARN_MS (${config.loopStallWarnMs} ms)`,
  );
  watchLoopStalls({
    thresholdMs: config.loopStallWarnMs,
    onStall: createStallReporter({
      count: () => stalls.inc(),
      log: (stall, unlogged) =>
        logger.warn(
          { ...stall, stallsNotLogged: unlogged },
          `event loop stalled ${describeLoopStall(stall)}`,
        ),
    }),
  });
}

/** Signals can arrive while Neo4j is still starting; remember them until shutdown is possible. */
function trapSignals(logger: Logger) {
  const state: { received: string | undefined; onSignal: ((signal: string) => void) | undefined } =
    { received: undefined, onSignal: undefined };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      logger.info({ signal }, 'signal received');
      state.received ??= signal;
      state.onSignal?.(signal);
    });
  }
  return state;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

await main();
