import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingCypherError, createCypherRegistry, findCypherDirectory } from './cypher-registry.js';

function fixtureDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cypher-'));
  mkdirSync(join(dir, 'tracking'));
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'tracking', 'store-events.cypher'), '// Purpose: x\n// Mode: write\nUNWIND $events AS e RETURN e');
  writeFileSync(join(dir, 'tracking', 'read-events.cypher'), '// Purpose: x\n// Mode: read\nRETURN 1');
  writeFileSync(join(dir, 'schema', '0001-x.cypher'), 'CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.x)');
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
});
