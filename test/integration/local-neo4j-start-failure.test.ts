import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startLocalNeo4j, tailOf } from '../../src/graph/local-neo4j/local-neo4j.js';
import { createLogger } from '../../src/logging/logger.js';

/**
 * The local launcher with a real JVM that refuses to start: the error must say how the process
 * ended and show what it printed, not the stray bytes a JVM leaves in its console log.
 */
describe('the local Neo4j launcher, when the server cannot start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'recograph-start-failure-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says how the JVM ended and what it printed, and leaves no pid record', async () => {
    const config = loadConfig({ ...process.env, RECOGRAPH_DATA_DIR: dataDir });
    const start = startLocalNeo4j(
      {
        ...config.localNeo4j,
        // ports nothing listens on (the launcher refuses a busy one before starting the JVM)
        boltPort: 17_989,
        httpPort: 17_988,
        heap: '256m',
        pageCache: '64m',
        jvmOptions: ['-XX:+RecographNoSuchOption'],
        javaHome: config.javaHome,
        startTimeoutMs: 60_000,
      },
      createLogger('silent'),
    );
    const error = await start.then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/The local Neo4j exited with code 1 before it opened Bolt/);
    expect(error?.message).toContain('RecographNoSuchOption');
    expect(existsSync(join(dataDir, 'neo4j', 'run', 'recograph-neo4j.json'))).toBe(false);
  }, 120_000);
});

describe('tailOf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recograph-tail-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last lines with text and drops stray control bytes', () => {
    const file = join(dir, 'console.log');
    writeFileSync(file, '\u0006\nfirst\n\u0006\nsecond\n   \nthird\n\u0006\n');
    expect(tailOf(file, 2)).toBe('  second\n  third');
    writeFileSync(file, '\u0006\n\u0006\n');
    expect(tailOf(file, 5)).toBe('  (nothing printed)');
    expect(tailOf(join(dir, 'missing.log'), 5)).toBe('  (no such file)');
  });
});
