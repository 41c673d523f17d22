import { TEST_ADMIN_TOKEN, type TestService } from './test-service.js';

export interface TestSite {
  id: string;
  publicKey: string;
  secretKey: string;
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch with a JSON body and a bearer key; returns the parsed body whatever the status. */
export async function call<T = any>(
  service: TestService,
  method: string,
  path: string,
  options: {
    key?: string;
    body?: unknown;
    headers?: Record<string, string>;
    rawBody?: string;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${service.baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // leave non-JSON bodies as text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export async function createTestSite(
  service: TestService,
  allowedOrigins: string[] = ['https://shop.example'],
): Promise<TestSite> {
  const response = await call(service, 'POST', '/v1/admin/sites', {
    key: TEST_ADMIN_TOKEN,
    body: { name: 'Test shop', allowedOrigins },
  });
  if (response.status !== 201)
    throw new Error(`could not create a site: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as TestSite;
}

/** Posts events with the site's public key; fails the test unless they are answered with 200. */
export async function trackEvents(
  service: TestService,
  site: TestSite,
  events: unknown[],
): Promise<{ accepted: number; duplicates: number; rejected: unknown[] }> {
  const response = await call(service, 'POST', '/v1/events', {
    key: site.publicKey,
    body: { events },
  });
  if (response.status !== 200)
    throw new Error(
      `POST /v1/events answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body;
}

/** The `recent` scenario the live tests subscribe to: recently viewed, 3 items, hidden ones left out. */
export async function putRecentScenario(service: TestService, site: TestSite): Promise<void> {
  const scenario = {
    models: ['recently_viewed'],
    limit: 3,
    filters: { excludeEventTypes: ['hide'] },
  };
  const response = await call(service, 'PUT', '/v1/scenarios/recent', {
    key: site.secretKey,
    body: scenario,
  });
  if (response.status >= 300)
    throw new Error(
      `PUT /v1/scenarios/recent answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
}
