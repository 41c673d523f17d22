import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../../src/config/config.js';
import { createDriver } from '../../src/graph/create-driver.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j/local-neo4j.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRecograph, type Recograph } from '../../src/recograph.js';

export interface BenchService {
  baseUrl: string;
  adminToken: string;
  /** Where the service's Neo4j is, for the figures' description. */
  neo4jUri: string;
  /** The in-process service and its driver; absent when talking to a service given by --url. */
  recograph?: Recograph;
  driver?: Driver;
  stop(): Promise<void>;
}

/**
 * The service a benchmark or quality run talks to: the one at `url` (with its admin token), or
 * the real service started in this process on a free port (as test/support/test-service.ts does)
 * against NEO4J_URI, or, without NEO4J_URI, against the local Neo4j launcher.
 */
export async function startBenchService(options: {
  url?: string;
  adminToken?: string;
  logLevel?: string;
}): Promise<BenchService> {
  if (options.url) {
    if (!options.adminToken)
      throw new Error('--url needs --admin-token (the service’s RECOGRAPH_ADMIN_TOKEN)');
    return {
      baseUrl: options.url.replace(/\/$/, ''),
      adminToken: options.adminToken,
      neo4jUri: 'the service’s own',
      stop: async () => {},
    };
  }
  const adminToken = `adm_${randomBytes(24).toString('base64url')}`;
  const config = loadConfig({
    ...process.env,
    RECOGRAPH_ADMIN_TOKEN: adminToken,
    DEMO: '0',
    PORT: '0',
    LOG_LEVEL: options.logLevel ?? process.env.LOG_LEVEL ?? 'warn',
  });
  const logger = createLogger(config.logLevel, process.stderr);
  let localNeo4j: LocalNeo4j | undefined;
  if (!config.neo4j.uri)
    localNeo4j = await startLocalNeo4j({ ...config.localNeo4j, javaHome: config.javaHome }, logger);
  const neo4jUri = config.neo4j.uri ?? localNeo4j!.uri;
  const driver = createDriver({
    uri: neo4jUri,
    username: config.neo4j.username,
    password: config.neo4j.password,
  });
  const recograph = createRecograph({ config, driver, logger });
  const server = createServer(recograph.app.callback());
  server.keepAliveTimeout = 30_000;
  recograph.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await recograph.start();
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminToken,
    neo4jUri,
    recograph,
    driver,
    async stop() {
      await recograph.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await driver.close();
      await localNeo4j?.stop();
    },
  };
}
