import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecograph } from '../src/core/index.js';
import { createFileStorage } from './file-storage.js';
import { runNodeExample } from './node-example.js';
import { startStubRecographServer } from './stub-recograph-server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let directory: string;
let server: Awaited<ReturnType<typeof startStubRecographServer>> | undefined;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'recograph-node-example-'));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(directory, { recursive: true, force: true });
});

describe('the Node example', () => {
  it('tracks, logs in, gets recommendations and a live list from a real HTTP and WebSocket server', async () => {
    server = await startStubRecographServer();
    const storageFile = join(directory, 'storage.json');
    const result = await runNodeExample({
      endpoint: server.endpoint,
      siteKey: 'pk_example',
      storageFile,
    });

    const events = server.events();
    const anonymous = events[0]?.user;
    expect(anonymous).toMatch(UUID);
    expect(events.map(({ type, user, knownUser }) => ({ type, user, knownUser }))).toEqual([
      { type: 'view', user: anonymous, knownUser: undefined },
      { type: 'basket', user: anonymous, knownUser: undefined },
      { type: 'rate', user: anonymous, knownUser: undefined },
      { type: 'login', user: anonymous, knownUser: 'customer-42' },
      { type: 'buy', user: 'customer-42', knownUser: undefined },
    ]);
    expect(events.find((event) => event.type === 'rate')?.rating).toBe(100);
    expect(new Set(events.map((event) => event.id)).size).toBe(5);
    expect(events.every((event) => UUID.test(String(event.id)))).toBe(true);
    expect(server.batches.every((batch) => batch.authorization === 'Bearer pk_example')).toBe(true);

    expect(result.user).toBe('customer-42');
    expect(result.recommendation.items.map((item) => item.id)).toEqual(['sku-2', 'sku-3', 'sku-4']);
    expect(result.live).toMatchObject({
      scenario: 'home',
      recommendationId: 'rec-live-1',
      cause: 'initial',
    });
    expect(server.liveMessages[0]).toMatchObject({
      type: 'subscribe',
      scenario: 'home',
      user: 'customer-42',
      limit: 3,
    });
    expect(JSON.parse(await readFile(storageFile, 'utf8'))).toMatchObject({
      'recograph.known-user': 'customer-42',
    });
  });

  it('keeps events in its file while the server is down and sends them after a restart', async () => {
    const storageFile = join(directory, 'storage.json');
    server = await startStubRecographServer({ eventStatus: 503 });
    const offline = createRecograph({
      endpoint: server.endpoint,
      siteKey: 'pk_example',
      storage: createFileStorage(storageFile),
    });
    const id = offline.track('view', { item: 'sku-9' });
    await offline.close(); // the 503 leaves the event queued
    expect(server.events()).toEqual([]);
    expect(await readFile(storageFile, 'utf8')).toContain(id);
    await server.close();

    server = await startStubRecographServer();
    const restarted = createRecograph({
      endpoint: server.endpoint,
      siteKey: 'pk_example',
      storage: createFileStorage(storageFile),
    });
    await restarted.close();
    expect(server.events().map((event) => event.id)).toEqual([id]);
    const stored = JSON.parse(await readFile(storageFile, 'utf8')) as Record<string, string>;
    expect(stored['recograph.queue'] ?? '').not.toContain(id); // sent: no longer queued
    expect(JSON.parse(stored['recograph.queue:sent']!)).toEqual([id]); // remembered for other tabs
  });
});
