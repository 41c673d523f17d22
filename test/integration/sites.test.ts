import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSite } from '../support/http.js';
import { TEST_ADMIN_TOKEN, startTestService, type TestService } from '../support/test-service.js';
import { connectTestGraph } from '../support/test-graph.js';

describe('sites and keys', () => {
  let service: TestService;
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  it('creates a site with a public and a secret key, storing only their hashes', async () => {
    const site = await createTestSite(service);
    expect(site.id).toMatch(/^site_/);
    expect(site.publicKey).toMatch(/^pk_/);
    expect(site.secretKey).toMatch(/^sk_/);
    const stored = await graph.executor.runText(
      'MATCH (s:Site {id: $id}) RETURN properties(s) AS p',
      { id: site.id },
      { mode: 'read' },
    );
    const text = JSON.stringify(stored.records[0]?.get('p'));
    expect(text).not.toContain(site.publicKey);
    expect(text).not.toContain(site.secretKey);
  });

  it('refuses site creation without the admin token and names a bad field', async () => {
    expect((await call(service, 'POST', '/v1/admin/sites', { body: { name: 'x' } })).status).toBe(
      401,
    );
    expect(
      (
        await call(service, 'POST', '/v1/admin/sites', {
          key: 'wrong-token-wrong-token',
          body: { name: 'x' },
        })
      ).status,
    ).toBe(401);
    const bad = await call(service, 'POST', '/v1/admin/sites', {
      key: TEST_ADMIN_TOKEN,
      body: { name: 'x', allowedOrigins: ['not a url'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'allowedOrigins/0' });
  });

  it('rotates keys: the old key stops working at once and the new one works', async () => {
    const site = await createTestSite(service);
    expect((await call(service, 'GET', '/v1/whoami', { key: site.secretKey })).status).toBe(200);
    const rotated = await call(service, 'POST', `/v1/admin/sites/${site.id}/keys`, {
      key: TEST_ADMIN_TOKEN,
    });
    expect(rotated.status).toBe(200);
    expect((await call(service, 'GET', '/v1/whoami', { key: site.secretKey })).status).toBe(401);
    expect((await call(service, 'GET', '/v1/whoami', { key: site.publicKey })).status).toBe(401);
    const now = await call(service, 'GET', '/v1/whoami', { key: rotated.body.secretKey });
    expect(now.body).toMatchObject({ siteId: site.id, keyKind: 'secret' });
  });

  it('answers 404 for rotating the keys of an unknown site', async () => {
    const response = await call(service, 'POST', '/v1/admin/sites/site_nope/keys', {
      key: TEST_ADMIN_TOKEN,
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('SITE_NOT_FOUND');
  });

  it('answers CORS only for the origins the key site allows', async () => {
    const site = await createTestSite(service, ['https://shop.example']);
    const allowed = await call(service, 'GET', '/v1/whoami', {
      key: site.publicKey,
      headers: { origin: 'https://shop.example' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const foreign = await call(service, 'GET', '/v1/whoami', {
      key: site.publicKey,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${service.baseUrl}/v1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});
