import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logging/logger.js';
import type { QueryExecutor } from './query-executor.js';

export interface SchemaMigration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

/** Reads `cypher/schema/NNNN-name.cypher`, each holding `;`-separated schema statements. */
export function readSchemaMigrations(directory: string): SchemaMigration[] {
  const migrations = readdirSync(directory)
    .filter((file) => file.endsWith('.cypher'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})-([a-z0-9-]+)\.cypher$/.exec(file);
      if (!match) throw new Error(`Schema file ${file} must be named NNNN-kebab-name.cypher`);
      const text = readFileSync(join(directory, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
        statements: splitStatements(text),
      };
    });
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && previous.version === migration.version)
      throw new Error(
        `Two schema migrations share version ${migration.version} (${previous.name}, ${migration.name})`,
      );
  });
  return migrations;
}

export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Applies, in order, the schema files the database has not recorded, and returns how many it
 * applied. Every statement is idempotent (IF NOT EXISTS / IF EXISTS), so two instances starting
 * together are safe, and a file interrupted before its record is written runs again whole. A file
 * already recorded is not run again: re-running them all at every start re-created an index that a
 * later file drops (0003's event_at, dropped by 0009), and Neo4j began populating it over every
 * stored event at each start. A released file that changed afterwards stops the start-up.
 */
export async function applySchemaMigrations(
  executor: QueryExecutor,
  migrations: SchemaMigration[],
  logger: Logger,
): Promise<number> {
  // A database that has just started can be slow to answer its first queries: be patient here.
  const recorded = await executor.runText(
    'MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum',
    {},
    { mode: 'read', timeoutMs: 120_000 },
  );
  let applied = 0;
  const known = new Map(
    recorded.records.map((record) => [
      Number(record.get('version')),
      String(record.get('checksum')),
    ]),
  );
  for (const migration of migrations) {
    const checksum = known.get(migration.version);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new Error(
        `Schema migration ${migration.version} (${migration.name}) was edited after it was applied. Add a new migration file instead of editing a released one.`,
      );
    }
    if (checksum !== undefined) continue;
    for (const statement of migration.statements) {
      await toleratingConcurrentStart(() =>
        executor.runText(statement, {}, { mode: 'write', timeoutMs: 120_000 }),
      );
    }
    await toleratingConcurrentStart(() =>
      executor.runText(
        'MERGE (m:SchemaMigration {version: $version}) ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()',
        { version: migration.version, name: migration.name, checksum: migration.checksum },
        { timeoutMs: 120_000 },
      ),
    );
    applied += 1;
    logger.info({ version: migration.version, name: migration.name }, 'schema migration applied');
  }
  await executor.runText('CALL db.awaitIndexes(120)', {}, { mode: 'read', timeoutMs: 130_000 });
  return applied;
}

/** Another instance applying the same statement at the same moment makes ours fail harmlessly. */
async function toleratingConcurrentStart(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const code = ((error as { cause?: { code?: string } }).cause?.code ?? '') as string;
    if (
      code.endsWith('EquivalentSchemaRuleAlreadyExists') ||
      code.endsWith('ConstraintValidationFailed')
    )
      return;
    throw error;
  }
}
