import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MissingCypherError,
  compactCypher,
  createCypherRegistry,
  findCypherDirectory,
} from './cypher-registry.js';

function fixtureDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cypher-'));
  mkdirSync(join(dir, 'tracking'));
  mkdirSync(join(dir, 'schema'));
  writeFileSync(
    join(dir, 'tracking', 'store-events.cypher'),
    '// Purpose: x\n// Mode: write\nUNWIND $events AS e RETURN e',
  );
  writeFileSync(
    join(dir, 'tracking', 'read-events.cypher'),
    '// Purpose: x\n// Mode: read\nRETURN 1',
  );
  writeFileSync(
    join(dir, 'schema', '0001-x.cypher'),
    'CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.x)',
  );
  return dir;
}

describe('createCypherRegistry', () => {
  it('names statements by capability folder and file, leaving schema files to the migrator', () => {
    const registry = createCypherRegistry(fixtureDirectory());
    expect(registry.names()).toEqual(['tracking/read-events', 'tracking/store-events']);
    expect(registry.get('tracking/store-events').mode).toBe('write');
    expect(registry.get('tracking/read-events').mode).toBe('read');
  });

  it('refuses a statement that has no file', () => {
    const registry = createCypherRegistry(fixtureDirectory());
    expect(() => registry.get('tracking/missing')).toThrow(MissingCypherError);
  });

  it('finds the project cypher directory from the source tree', () => {
    expect(findCypherDirectory()).toMatch(/cypher$/);
  });

  it('sends statements without whole-line comments and indentation, keeping the mode from the header', () => {
    const registry = createCypherRegistry(fixtureDirectory());
    expect(registry.get('tracking/store-events').text).toBe('UNWIND $events AS e RETURN e');
  });
});

describe('compactCypher', () => {
  it('drops whole-line comments, blank lines and indentation, and keeps trailing comments', () => {
    expect(
      compactCypher('// header\nMATCH (n)\n\n  // why\n  WHERE n.x = 1 // inline\nRETURN n'),
    ).toBe('MATCH (n)\nWHERE n.x = 1 // inline\nRETURN n');
  });

  it('leaves lines inside a multi-line string literal or quoted identifier untouched', () => {
    const source =
      'RETURN \'first line\n  // not a comment\n  last\' AS s,\n  "a\\"\n  // b" AS t, `odd\n  // name` AS u\n  // gone';
    expect(compactCypher(source)).toBe(
      'RETURN \'first line\n  // not a comment\n  last\' AS s,\n"a\\"\n  // b" AS t, `odd\n  // name` AS u',
    );
  });

  it('does not take // inside a string for a comment when looking for open literals', () => {
    expect(compactCypher("RETURN 'http://x' AS url,\n  'it''s' AS s")).toBe(
      "RETURN 'http://x' AS url,\n'it''s' AS s",
    );
  });
});
