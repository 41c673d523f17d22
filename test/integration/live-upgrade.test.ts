import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSite, type TestSite } from '../support/http.js';
import { openLive, refusedUpgrade } from '../support/live-client.js';
import { TEST_ADMIN_TOKEN, startTestService, type TestService } from '../support/test-service.js';

describe('the live upgrade', () => {
  let service: TestService;
  let site: TestSite;
  beforeAll(async () => {
    service = await startTestService({}, { live: { maxConnectionsPerSite: 3 } });
    site = await createTestSite(service, ['https://shop.example']);
  });
  afterAll(() => service?.close());

  it('refuses a missing key with 401 and a problem document', async () => {
    const refused = await refusedUpgrade(service, undefined, { origin: 'https://shop.example' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses a wrong key with 401', async () => {
    const refused = await refusedUpgrade(service, 'pk_thisisnotarealkeyatallxxxxxxxxx', {
      origin: 'https://shop.example',
    });
    expect(refused).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an origin the site does not allow with 403', async () => {
    const refused = await refusedUpgrade(service, site.publicKey, {
      origin: 'https://evil.example',
    });
    expect(refused).toMatchObject({
      status: 403,
      body: { code: 'ORIGIN_NOT_ALLOWED', field: 'Origin' },
    });
  });

  it('refuses the secret key with 403: live is for browsers, which must never hold it', async () => {
    const refused = await refusedUpgrade(service, site.secretKey, {
      origin: 'https://shop.example',
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', field: 'key' } });
  });

  it('answers 404 for an upgrade on another path', async () => {
    const refused = await refusedUpgrade(service, undefined, {
      path: `/v1/elsewhere?key=${site.publicKey}`,
    });
    expect(refused).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('accepts the public key from an allowed origin, in the query or as a bearer header', async () => {
    const fromQuery = await openLive(service, site.publicKey);
    const fromHeader = await openLive(service, '', {
      headers: { authorization: `Bearer ${site.publicKey}` },
    });
    expect(service.recograph.live.stats().connections).toBeGreaterThanOrEqual(2);
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(Number(/^recograph_live_connections (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(
      2,
    );
    fromQuery.close();
    fromHeader.close();
    await Promise.all([fromQuery.closed, fromHeader.closed]);
  });

  it('refuses connections past the per-site cap with 503 and Retry-After, other sites unaffected', async () => {
    const capped = await createTestSite(service, ['https://shop.example']);
    const open = await Promise.all([1, 2, 3].map(() => openLive(service, capped.publicKey)));
    const refused = await refusedUpgrade(service, capped.publicKey, {
      origin: 'https://shop.example',
    });
    expect(refused).toMatchObject({ status: 503, body: { code: 'LIVE_CONNECTION_LIMIT' } });
    expect(refused.headers['retry-after']).toBe('5');
    const other = await openLive(service, site.publicKey);
    open[0]!.close();
    await open[0]!.closed;
    const again = await openLive(service, capped.publicKey);
    for (const client of [...open.slice(1), other, again]) client.close();
  });

  it('closes open connections with 4001 when the key is rotated', async () => {
    const rotating = await createTestSite(service, ['https://shop.example']);
    const client = await openLive(service, rotating.publicKey);
    const rotated = await call(service, 'POST', `/v1/admin/sites/${rotating.id}/keys`, {
      key: TEST_ADMIN_TOKEN,
      body: { which: 'public' },
    });
    expect(rotated.status).toBe(200);
    expect(await client.closed).toEqual({ code: 4001, reason: 'the key was rotated or revoked' });
  });

  it('closes open connections with 4003 when the site stops allowing their origin', async () => {
    const moving = await createTestSite(service, ['https://shop.example']);
    const client = await openLive(service, moving.publicKey);
    const updated = await call(service, 'PATCH', `/v1/admin/sites/${moving.id}`, {
      key: TEST_ADMIN_TOKEN,
      body: { allowedOrigins: ['https://new-shop.example'] },
    });
    expect(updated.status).toBe(200);
    expect((await client.closed).code).toBe(4003);
  });
});

describe('the live server at shutdown', () => {
  it('closes every connection with 4503 and refuses new upgrades', async () => {
    const service = await startTestService();
    const site = await createTestSite(service);
    const clients = await Promise.all([1, 2].map(() => openLive(service, site.publicKey)));
    const stopping = service.recograph.live.close();
    const codes = await Promise.all(clients.map((client) => client.closed));
    await stopping;
    expect(codes.map((c) => c.code)).toEqual([4503, 4503]);
    const late = await refusedUpgrade(service, site.publicKey, { origin: 'https://shop.example' });
    expect(late).toMatchObject({ status: 503, body: { code: 'NOT_READY' } });
    await service.close();
  });
});
