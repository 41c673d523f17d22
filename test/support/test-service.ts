import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createDriver } from '../../src/graph/create-driver.js';
import type { LiveOptions } from '../../src/live/live-options.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRecograph, type Recograph } from '../../src/recograph.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestService {
  baseUrl: string;
  config: Config;
  recograph: Recograph;
  server: Server;
  close(): Promise<void>;
}

/** The whole service, in-process, on a random port, against the run's Neo4j (or `neo4jUri`, e.g. a proxy in front of it); `live` tunes the live protocol for tests; with `DEMO: '1'` the demo shop is stocked in the background under `demoSiteId`; `statsSettleMs` lets the statistics rollup count events at once. */
export async function startTestService(
  env: Record<string, string> = {},
  options: {
    neo4jUri?: string;
    live?: Partial<LiveOptions>;
    demoSiteId?: string;
    statsSettleMs?: number;
  } = {},
): Promise<TestService> {
  const run = inject('neo4j');
  const neo4j = { ...run, uri: options.neo4jUri ?? run.uri };
  const config = loadConfig({
    NEO4J_URI: neo4j.uri,
    NEO4J_PASSWORD: neo4j.password,
    RECOGRAPH_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DEMO: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    ...env,
  });
  const logger = createLogger(config.logLevel);
  const driver = createDriver({
    uri: neo4j.uri,
    username: neo4j.username,
    password: neo4j.password,
  });
  const recograph = createRecograph({
    config,
    driver,
    logger,
    live: options.live,
    demoSiteId: options.demoSiteId,
    statsSettleMs: options.statsSettleMs,
  });
  const server = createServer(recograph.app.callback());
  recograph.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await recograph.start();
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    recograph,
    server,
    async close() {
      await recograph.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await driver.close();
    },
  };
}
