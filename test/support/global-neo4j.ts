/**
 * Finds a Neo4j for the integration and end-to-end tests, once per run, in this order:
 * NEO4J_URI if set; a Docker engine through @testcontainers/neo4j; the project's own local
 * launcher (a real Neo4j server process on test ports). With CI set, no Neo4j fails the run.
 */
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logging/logger.js';
import { loadConfig } from '../../src/config/config.js';
import { startLocalNeo4j } from '../../src/graph/local-neo4j/local-neo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; username: string; password: string };
  }
}

let stopAll: (() => Promise<void>) | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = process.env;
  const logger = createLogger(env.TEST_LOG_LEVEL ?? 'warn');
  if (env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: env.NEO4J_URI,
      username: env.NEO4J_USERNAME ?? 'neo4j',
      password: env.NEO4J_PASSWORD ?? '',
    });
    return async () => {};
  }
  const container = await startContainerIfDockerRuns();
  if (container) {
    project.provide('neo4j', container.connection);
    stopAll = container.stop;
    return teardown;
  }
  try {
    const config = loadConfig({
      ...env,
      RECOGRAPH_DATA_DIR: env.TEST_DATA_DIR ?? '.recograph/test',
    });
    const neo4j = await startLocalNeo4j(
      {
        ...config.localNeo4j,
        boltPort: Number(env.TEST_NEO4J_BOLT_PORT ?? 17687),
        httpPort: Number(env.TEST_NEO4J_HTTP_PORT ?? 17474),
        heap: '1g',
        javaHome: config.javaHome,
      },
      logger,
    );
    project.provide('neo4j', { uri: neo4j.uri, username: 'neo4j', password: '' });
    stopAll = neo4j.stop;
    return teardown;
  } catch (error) {
    // Never skip: a run without Neo4j fails, in CI and on a laptop alike.
    throw new Error(
      `No Neo4j for the tests: set NEO4J_URI, run a Docker engine, or install Java 17+ and Maven.\n${(error as Error).message}`,
    );
  }
}

async function teardown(): Promise<void> {
  await stopAll?.();
}

async function startContainerIfDockerRuns() {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5_000)),
    ]);
  } catch {
    return undefined; // no Docker engine: fall through to the local launcher
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer('neo4j:5.26-community')
    .withPassword('recograph-test')
    .start();
  return {
    connection: {
      uri: container.getBoltUri(),
      username: container.getUsername(),
      password: container.getPassword(),
    },
    stop: async () => {
      await container.stop();
    },
  };
}
