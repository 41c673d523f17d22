import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export class MissingToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingToolError';
  }
}

const ALTERNATIVES =
  'Or point Recograph at an existing Neo4j 5 with NEO4J_URI (plus NEO4J_USERNAME/NEO4J_PASSWORD), or run `docker compose up`.';

/** The `java` to run Neo4j with: $JAVA_HOME/bin/java, else the one on PATH; must be 17 or newer. */
export function findJava(javaHome: string | undefined): { command: string; version: number } {
  const command = javaHome ? join(javaHome, 'bin', 'java') : 'java';
  const result = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new MissingToolError(
      `Java 17 or newer is needed to run the local Neo4j, and "${command}" could not be run. Install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17). ${ALTERNATIVES}`,
    );
  }
  const version = parseJavaMajorVersion(`${result.stderr}${result.stdout}`);
  if (version < 17) {
    throw new MissingToolError(
      `Neo4j 5.26 needs Java 17 or newer; "${command}" is Java ${version}. Install Java 17+ or set JAVA_HOME to one. ${ALTERNATIVES}`,
    );
  }
  return { command, version };
}

export function parseJavaMajorVersion(output: string): number {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return 0;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major; // "1.8.0" is Java 8
}

export function findMaven(): string {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new MissingToolError(
      `Maven is needed once, to download the Neo4j server jars from Maven Central. Install it (Debian/Ubuntu: apt-get install maven; macOS: brew install maven). ${ALTERNATIVES}`,
    );
  }
  return 'mvn';
}
