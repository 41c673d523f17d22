import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSite, type TestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('scenarios API', () => {
  let service: TestService;
  let site: TestSite;
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
    site = await createTestSite(service);
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  const config = {
    models: ['also_viewed', 'popular'],
    limit: 4,
    filters: { excludeEventTypes: ['buy'], categoryMode: 'same' },
    attributes: ['title'],
  };

  it('gives every new site the four default scenarios, stored in the graph', async () => {
    const list = await call(service, 'GET', '/v1/scenarios', { key: site.secretKey });
    expect(list.status).toBe(200);
    expect(list.body.scenarios.map((scenario: any) => [scenario.id, scenario.builtIn])).toEqual([
      ['article', false],
      ['cart', false],
      ['home', false],
      ['product-page', false],
    ]);
    const stored = await graph.executor.runText(
      'MATCH (s:Scenario {siteId: $siteId}) RETURN count(s) AS scenarios',
      { siteId: site.id },
      { mode: 'read' },
    );
    expect(stored.records[0]?.get('scenarios')).toBe(4);
  });

  it('serves the defaults from code for a site created before scenarios existed', async () => {
    const old = await createTestSite(service);
    await graph.executor.runText('MATCH (s:Scenario {siteId: $siteId}) DELETE s', {
      siteId: old.id,
    });
    const home = await call(service, 'GET', '/v1/scenarios/home', { key: old.secretKey });
    expect(home.body).toMatchObject({
      id: 'home',
      models: ['personalized', 'popular'],
      builtIn: true,
    });
    expect(
      (await call(service, 'GET', '/v1/recommendations/home', { key: old.publicKey })).status,
    ).toBe(200);
  });

  it('creates, lists, replaces and deletes a scenario', async () => {
    const created = await call(service, 'PUT', '/v1/scenarios/sidebar', {
      key: site.secretKey,
      body: config,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'sidebar',
      ...config,
      filters: {
        excludeEventTypes: ['buy'],
        excludeContext: true,
        availableOnly: true,
        categoryMode: 'same',
      },
    });
    expect(
      (await call(service, 'GET', '/v1/scenarios', { key: site.secretKey })).body.scenarios.map(
        (scenario: any) => scenario.id,
      ),
    ).toContain('sidebar');
    const replaced = await call(service, 'PUT', '/v1/scenarios/sidebar', {
      key: site.secretKey,
      body: { ...config, limit: 8 },
    });
    expect(replaced.status).toBe(200);
    expect(
      (await call(service, 'GET', '/v1/scenarios/sidebar', { key: site.secretKey })).body.limit,
    ).toBe(8);
    expect(
      (await call(service, 'DELETE', '/v1/scenarios/sidebar', { key: site.secretKey })).status,
    ).toBe(204);
    expect(
      (await call(service, 'GET', '/v1/scenarios/sidebar', { key: site.secretKey })).body.code,
    ).toBe('SCENARIO_NOT_FOUND');
    expect(
      (await call(service, 'DELETE', '/v1/scenarios/sidebar', { key: site.secretKey })).status,
    ).toBe(404);
  });

  it('restores a default scenario when its customised version is deleted', async () => {
    await call(service, 'PUT', '/v1/scenarios/cart', { key: site.secretKey, body: config });
    expect(
      (await call(service, 'GET', '/v1/scenarios/cart', { key: site.secretKey })).body.models,
    ).toEqual(['also_viewed', 'popular']);
    expect(
      (await call(service, 'DELETE', '/v1/scenarios/cart', { key: site.secretKey })).status,
    ).toBe(204);
    expect(
      (await call(service, 'GET', '/v1/scenarios/cart', { key: site.secretKey })).body,
    ).toMatchObject({ models: ['also_bought', 'ultimately_bought', 'popular'], builtIn: true });
  });

  it('names the offending field of an invalid scenario and refuses the public key', async () => {
    const bad = await call(service, 'PUT', '/v1/scenarios/x', {
      key: site.secretKey,
      body: { ...config, filters: { excludeEventTypes: ['purchase'] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filters/excludeEventTypes/0',
    });
    expect(
      (await call(service, 'PUT', '/v1/scenarios/bad%20id', { key: site.secretKey, body: config }))
        .body.field,
    ).toBe('id');
    expect((await call(service, 'GET', '/v1/scenarios', { key: site.publicKey })).status).toBe(403);
  });
});
