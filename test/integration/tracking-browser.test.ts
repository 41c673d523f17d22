import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEvents, makeEvent, readInteractions } from '../support/events.js';
import { call, createTestSite } from '../support/http.js';
import { connectTestGraph } from '../support/test-graph.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('tracking from browsers: beacons, pixels, CORS and limits', () => {
  let service: TestService;
  const graph = connectTestGraph();
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
    await graph.close();
  });

  it('accepts a sendBeacon text/plain body holding JSON with the key in the query', async () => {
    const site = await createTestSite(service);
    const events = [makeEvent('view'), makeEvent('basket')];
    const response = await fetch(`${service.baseUrl}/v1/events?key=${site.publicKey}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await response.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const html = await fetch(`${service.baseUrl}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${site.publicKey}`, 'content-type': 'text/html' },
      body: '{}',
    });
    expect(html.status).toBe(415);
    // the query key is for beacons only: a JSON request must send the Authorization header
    const jsonWithQueryKey = await fetch(`${service.baseUrl}/v1/events?key=${site.publicKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(jsonWithQueryKey.status).toBe(401);
  });

  it('tracks a pixel GET with the Ibexa-style path and answers 204, once per id', async () => {
    const site = await createTestSite(service);
    const id = randomUUID();
    const url = `${service.baseUrl}/v1/track/buy/u-7/product/sku%2F1?key=${site.publicKey}&id=${id}&quantity=2&price=5&currency=EUR`;
    const first = await fetch(url);
    expect(first.status).toBe(204);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(url)).status).toBe(204);
    expect((await readInteractions(graph, site.id)).get('u-7-BOUGHT->product/sku/1')).toMatchObject(
      { count: 1, quantity: 2, revenue: 10 },
    );
    const head = await fetch(
      `${service.baseUrl}/v1/track/view/u-7/product/other?key=${site.publicKey}`,
      { method: 'HEAD' },
    );
    expect(head.status).toBe(204);
    expect((await readInteractions(graph, site.id)).has('u-7-VIEWED->product/other')).toBe(false);
    const login = await fetch(
      `${service.baseUrl}/v1/track/login/u-7?key=${site.publicKey}&knownUser=erin`,
    );
    expect(login.status).toBe(204);
    expect((await readInteractions(graph, site.id)).has('erin-BOUGHT->product/sku/1')).toBe(true);
  });

  it('answers a bad pixel with the code and field of the problem', async () => {
    const site = await createTestSite(service);
    const bad = await call(
      service,
      'GET',
      `/v1/track/rate/u/product/i?key=${site.publicKey}&rating=500`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'rating' });
    expect(
      (await call(service, 'GET', `/v1/track/teleport/u/product/i?key=${site.publicKey}`)).body
        .field,
    ).toBe('type');
    expect((await call(service, 'GET', '/v1/track/view/u/product/i')).status).toBe(401);
    expect(await countEvents(graph, site.id)).toBe(0);
  });

  it('answers CORS only for the site allowed origins', async () => {
    const site = await createTestSite(service, ['https://shop.example']);
    const preflight = await fetch(`${service.baseUrl}/v1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const allowed = await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      headers: { origin: 'https://shop.example' },
      body: { events: [makeEvent('view')] },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const foreign = await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      headers: { origin: 'https://evil.example' },
      body: { events: [makeEvent('view')] },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const pixel = await fetch(
      `${service.baseUrl}/v1/track/view/u/product/i?key=${site.publicKey}`,
      { headers: { origin: 'https://evil.example' } },
    );
    expect(pixel.status).toBe(403);
    expect(await countEvents(graph, site.id)).toBe(1);
  });

  it('answers a body over 512 KiB with 413, declared or streamed', async () => {
    const site = await createTestSite(service);
    const padding = 'x'.repeat(600 * 1024);
    const declared = await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events: [makeEvent('view', { padding })] },
    });
    expect(declared.status).toBe(413);
    expect(declared.body.code).toBe('PAYLOAD_TOO_LARGE');
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(JSON.stringify({ events: [makeEvent('view', { padding })] })),
        );
        controller.close();
      },
    });
    const streamed = await fetch(`${service.baseUrl}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${site.publicKey}`, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const justUnder = await call(service, 'POST', '/v1/events', {
      key: site.publicKey,
      body: { events: [makeEvent('view', { padding: 'x'.repeat(500 * 1024) })] },
    });
    expect(justUnder.status).toBe(200);
  });
});
