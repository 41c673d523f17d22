import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/test-service.js';

describe('health endpoints', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('answers liveness and readiness once the schema is applied', async () => {
    expect((await fetch(`${service.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${service.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('answers unknown routes with problem+json and a request id', async () => {
    const response = await fetch(`${service.baseUrl}/v1/nothing-here`, {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND', requestId: 'abc-123' });
    expect(response.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d)?$/);
  });

  it('is not ready while Neo4j does not answer', async () => {
    const unreachable = await startUnreachableService();
    try {
      const response = await fetch(`${unreachable.baseUrl}/readyz`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).not.toBeNull();
      expect((await response.json()).code).toMatch(/NOT_READY|NEO4J_UNAVAILABLE/);
    } finally {
      await unreachable.close();
    }
  });
});

/** The service pointed at a port where nothing listens: start() keeps retrying in the background. */
async function startUnreachableService() {
  const { createServer } = await import('node:http');
  const { loadConfig } = await import('../../src/config/config.js');
  const { createDriver } = await import('../../src/graph/create-driver.js');
  const { createLogger } = await import('../../src/logging/logger.js');
  const { createRecograph } = await import('../../src/recograph.js');
  const config = loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:1', DEMO: '0', LOG_LEVEL: 'silent' });
  const driver = createDriver({ uri: 'bolt://127.0.0.1:1', username: 'neo4j', password: '' });
  const recograph = createRecograph({ config, driver, logger: createLogger('silent') });
  const server = createServer(recograph.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const starting = recograph.start().catch(() => undefined);
  const port = (server.address() as { port: number }).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await recograph.stop();
      await starting;
      server.close();
      await driver.close();
    },
  };
}
