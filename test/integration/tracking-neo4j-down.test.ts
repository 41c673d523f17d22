import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { countEvents, makeEvent } from '../support/events.js';
import { call, createTestSite, type TestSite } from '../support/http.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('tracking while Neo4j is down', () => {
  let proxy: TcpProxy;
  let service: TestService;
  let site: TestSite;
  const graph = connectTestGraph();
  beforeAll(async () => {
    const target = new URL(inject('neo4j').uri);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 7687) });
    service = await startTestService({}, { neo4jUri: `bolt://127.0.0.1:${proxy.port}` });
    site = await createTestSite(service);
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await service.close();
    await proxy.close();
    await graph.close();
  });

  const post = (events: unknown[]) =>
    call(service, 'POST', '/v1/events', { key: site.publicKey, body: { events } });

  it(
    'answers 503 with Retry-After (never a 2xx), then recovers by itself and stores each event once',
    { timeout: 90_000 },
    async () => {
      expect((await post([makeEvent('view')])).status).toBe(200);
      const events = [makeEvent('view', { item: 'a' }), makeEvent('buy', { item: 'b' })];

      await proxy.cut();
      const down = await post(events);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(down.body.code).toBe('NEO4J_UNAVAILABLE');
      const pixel = await fetch(
        `${service.baseUrl}/v1/track/view/u/product/c?key=${site.publicKey}`,
      );
      expect(pixel.status).toBe(503);
      expect(await countEvents(graph, site.id)).toBe(1);

      await proxy.restore();
      let answer = await post(events);
      for (let attempt = 0; answer.status !== 200 && attempt < 30; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        answer = await post(events);
      }
      expect(answer.status).toBe(200);
      expect(answer.body.accepted + answer.body.duplicates).toBe(2);
      expect((await post(events)).body).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
      expect(await countEvents(graph, site.id)).toBe(3);
    },
  );
});
