import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../../config/project-paths.js';
import type { Logger } from '../../logging/logger.js';
import { findMaven } from './java-tools.js';

export const NEO4J_VERSION = '5.26.30';
export const NEO4J_BROWSER_VERSION = '5.24.0';

/**
 * The Maven project that names the server's jars. It is read from the source tree, not beside this
 * module: `tsc` copies no XML into dist/, so `npm start` (which runs dist/src/main.js) found no
 * template on a machine whose jar cache was still empty.
 */
export function neo4jPomTemplatePath(): string {
  return join(findProjectRoot(), 'src', 'graph', 'local-neo4j', 'neo4j-server.pom.xml');
}

/**
 * Returns the directory holding the Neo4j server jars, resolving them through Maven from Maven
 * Central on the first run. Later runs find the completed cache and never touch the network.
 */
export async function resolveNeo4jJars(cacheDir: string, logger: Logger): Promise<string> {
  const home = join(cacheDir, `neo4j-${NEO4J_VERSION}`);
  const lib = join(home, 'lib');
  const marker = join(home, 'resolved.json');
  if (existsSync(marker) && existsSync(lib)) return lib;

  const maven = findMaven();
  const staging = join(home, 'lib.partial');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const pom = join(home, 'pom.xml');
  const template = readFileSync(neo4jPomTemplatePath(), 'utf8');
  writeFileSync(
    pom,
    template
      .replaceAll('${neo4j.version}', NEO4J_VERSION)
      .replaceAll('${neo4j.browser.version}', NEO4J_BROWSER_VERSION),
  );

  logger.info(
    { version: NEO4J_VERSION, cache: home },
    'first run: downloading the Neo4j server jars from Maven Central (about 130 MB, once)',
  );
  await runMaven(
    maven,
    ['-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`],
    logger,
  );
  rmSync(lib, { recursive: true, force: true });
  renameSync(staging, lib);
  writeFileSync(
    marker,
    JSON.stringify({
      neo4j: NEO4J_VERSION,
      browser: NEO4J_BROWSER_VERSION,
      resolvedAt: new Date().toISOString(),
    }),
  );
  logger.info({ lib }, 'Neo4j server jars cached');
  return lib;
}

function runMaven(maven: string, args: string[], logger: Logger): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(maven, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let downloaded = 0;
    let lastReport = 0;
    const tail: string[] = [];
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (line.includes('Downloaded from')) {
        downloaded += 1;
        const now = Date.now();
        if (now - lastReport > 2_000) {
          lastReport = now;
          logger.info({ artifactsDownloaded: downloaded }, 'downloading Neo4j jars…');
        }
      }
    };
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        logger.info({ artifactsDownloaded: downloaded }, 'Maven finished');
        resolvePromise();
      } else {
        reject(
          new Error(
            `Maven could not resolve the Neo4j jars (exit ${code}). Check access to Maven Central, or set NEO4J_URI to use an existing Neo4j.\n${tail.join('\n')}`,
          ),
        );
      }
    });
  });
}
