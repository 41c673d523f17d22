import { describe, expect, it } from 'vitest';
import { readSchemaMigrations, splitStatements } from './migrations.js';
import { findCypherDirectory } from './cypher-registry.js';
import { join } from 'node:path';

describe('schema migrations', () => {
  it('splits a file into statements and drops comment lines', () => {
    expect(splitStatements('// a comment; with a semicolon\nCREATE A;\n\nCREATE B;\n')).toEqual([
      'CREATE A',
      'CREATE B',
    ]);
  });

  it('reads the project schema files in version order with checksums', () => {
    const migrations = readSchemaMigrations(join(findCypherDirectory(), 'schema'));
    expect(migrations[0]).toMatchObject({ version: 1, name: 'uniqueness-constraints' });
    expect(migrations[0]!.checksum).toMatch(/^[0-9a-f]{16}$/);
    migrations
      .slice(1)
      .forEach((migration, index) =>
        expect(migration.version).toBeGreaterThan(migrations[index]!.version),
      );
  });
});
