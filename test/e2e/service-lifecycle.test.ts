import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPortOpen } from '../../src/graph/local-neo4j/local-neo4j.js';
import { isProcessAlive } from '../../src/graph/local-neo4j/processes.js';

const BOLT_PORT = 27687;
const HTTP_PORT = 27474;
const API_PORT = 28080;
const dataDir = mkdtempSync(join(tmpdir(), 'recograph-lifecycle-'));
const started: ChildProcess[] = [];

function startService(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NEO4J_URI: '',
      NEO4J_LOCAL_BOLT_PORT: String(BOLT_PORT),
      NEO4J_LOCAL_HTTP_PORT: String(HTTP_PORT),
      RECOGRAPH_DATA_DIR: dataDir,
      PORT: String(API_PORT),
      RECOGRAPH_ADMIN_TOKEN: 'lifecycle-test-token-0123456789',
      DEMO: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
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
  throw new Error(`condition not met within ${timeoutMs} ms`);
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

describe('the service with its local Neo4j', () => {
  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it(
    'stops an orphaned Neo4j left by a killed run, then starts cleanly on the same data',
    { timeout: 300_000 },
    async () => {
      const first = startService();
      await waitUntil(ready, 180_000);
      const orphan = neo4jPid();
      first.kill('SIGKILL'); // no chance to clean up: the JVM is left behind holding the store
      await waitUntil(() => first.exitCode !== null || first.signalCode !== null, 10_000);
      expect(isProcessAlive(orphan)).toBe(true);

      startService();
      await waitUntil(ready, 180_000);
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
