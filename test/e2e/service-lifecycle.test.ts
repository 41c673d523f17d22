import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortOpen } from '../../src/graph/local-neo4j/local-neo4j.js';
import { NEO4J_VERSION } from '../../src/graph/local-neo4j/resolve-neo4j-jars.js';
import { isProcessAlive } from '../../src/graph/local-neo4j/processes.js';

const BOLT_PORT = 27687;
const HTTP_PORT = 27474;
const API_PORT = 28080;
const dataDir = mkdtempSync(join(tmpdir(), 'recograph-lifecycle-'));
// An empty jar cache, as on a new machine: the first start resolves the Neo4j jars (from Maven's
// local repository, which the suite's own Neo4j filled) the way `npm start` does the first time.
const cacheDir = mkdtempSync(join(tmpdir(), 'recograph-lifecycle-cache-'));
const started: ChildProcess[] = [];
let output = '';

/** The service as `npm start` runs it: the build in dist/, not the TypeScript sources. */
function startService(): ChildProcess {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      NEO4J_URI: '',
      NEO4J_LOCAL_BOLT_PORT: String(BOLT_PORT),
      NEO4J_LOCAL_HTTP_PORT: String(HTTP_PORT),
      RECOGRAPH_DATA_DIR: dataDir,
      RECOGRAPH_CACHE_DIR: cacheDir,
      PORT: String(API_PORT),
      RECOGRAPH_ADMIN_TOKEN: 'lifecycle-test-token-0123456789',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000); // shown when a start fails
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  started.push(child);
  return child;
}

async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<number> {
  const began = Date.now();
  while (Date.now() - began < timeoutMs) {
    if (await check()) return Date.now() - began;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`condition not met within ${timeoutMs} ms; the service wrote:\n${output}`);
}

async function waitUntilReady(child: ChildProcess): Promise<void> {
  await waitUntil(async () => {
    if (child.exitCode !== null) {
      throw new Error(`the service exited with code ${child.exitCode}:\n${output}`);
    }
    return ready();
  }, 180_000);
}

const ready = async () => {
  try {
    return (await fetch(`http://127.0.0.1:${API_PORT}/readyz`)).status === 200;
  } catch {
    return false;
  }
};

function neo4jPid(): number {
  return (
    JSON.parse(readFileSync(join(dataDir, 'neo4j', 'run', 'recograph-neo4j.json'), 'utf8')) as {
      javaPid: number;
    }
  ).javaPid;
}

describe('the built service with its local Neo4j', () => {
  beforeAll(() => {
    // The server part of `npm run build` (the client bundle is built before the suite runs).
    const tsc = spawnSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
      { encoding: 'utf8' },
    );
    if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  }, 180_000);

  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    // The jars alone are about 130 MB per run.
    for (const dir of [cacheDir, dataDir]) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'starts from dist/ with no cached jars and serves the API, the SDK and the demo',
    { timeout: 300_000 },
    async () => {
      const first = startService();
      await waitUntilReady(first);
      expect(existsSync(join(cacheDir, `neo4j-${NEO4J_VERSION}`, 'resolved.json'))).toBe(true);
      const base = `http://127.0.0.1:${API_PORT}`;
      const sdk = await fetch(`${base}/sdk/recograph.js`);
      expect(sdk.status).toBe(200);
      expect(sdk.headers.get('content-type')).toMatch(/javascript/);
      const demo = await fetch(`${base}/demo/`);
      expect(demo.status).toBe(200);
      expect(await demo.text()).toMatch(/<html/i);
      expect((await fetch(`${base}/demo/assets/shop.js`)).status).toBe(200);
    },
  );

  it(
    'stops an orphaned Neo4j left by a killed run, then starts cleanly on the same data',
    { timeout: 300_000 },
    async () => {
      const first = started.at(-1)!;
      const orphan = neo4jPid();
      first.kill('SIGKILL'); // no chance to clean up: the JVM is left behind holding the store
      await waitUntil(() => first.exitCode !== null || first.signalCode !== null, 10_000);
      expect(isProcessAlive(orphan)).toBe(true);

      await waitUntilReady(startService());
      expect(isProcessAlive(orphan)).toBe(false);
      expect(neo4jPid()).not.toBe(orphan);
    },
  );

  it('stops the API and Neo4j on SIGTERM within 30 s, leaving nothing listening', async () => {
    const service = started.at(-1)!;
    const jvm = neo4jPid();
    service.kill('SIGTERM');
    await waitUntil(() => service.exitCode !== null, 30_000);
    expect(service.exitCode).toBe(0);
    expect(isProcessAlive(jvm)).toBe(false);
    expect(await isPortOpen(BOLT_PORT)).toBe(false);
    expect(await isPortOpen(API_PORT)).toBe(false);
  });
});
