import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { findProjectRoot } from '../config/project-paths.js';

/** Named Cypher statements loaded once from `cypher/**\/*.cypher`. */
export interface CypherRegistry {
  /** The statement for `capability/verb-noun`; throws at once if no such file was loaded. */
  get(name: string): CypherStatement;
  names(): string[];
}

export interface CypherStatement {
  name: string;
  text: string;
  /** Statements whose header says `Mode: write` run in write transactions. */
  mode: 'read' | 'write';
}

export class MissingCypherError extends Error {
  constructor(name: string, directory: string) {
    super(`Cypher statement "${name}" not found: expected the file ${join(directory, `${name}.cypher`)}`);
    this.name = 'MissingCypherError';
  }
}


export function createCypherRegistry(directory: string = findCypherDirectory()): CypherRegistry {
  const statements = new Map<string, CypherStatement>();
  for (const file of listCypherFiles(directory)) {
    const name = relative(directory, file).split(sep).join('/').replace(/\.cypher$/, '');
    if (name.startsWith('schema/')) continue; // migrations are applied by the migrator, not run by name
    const text = readFileSync(file, 'utf8').trim();
    statements.set(name, { name, text, mode: readMode(text) });
  }
  return {
    get(name) {
      const statement = statements.get(name);
      if (!statement) throw new MissingCypherError(name, directory);
      return statement;
    },
    names: () => [...statements.keys()].sort(),
  };
}

/** `cypher/` at the project root, whether running from `src/` (tsx) or `dist/src/` (node). */
export function findCypherDirectory(): string {
  return join(findProjectRoot(), 'cypher');
}

export function listCypherFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...listCypherFiles(path));
    else if (entry.endsWith('.cypher')) files.push(path);
  }
  return files;
}

/** The mode is declared in the opening comment (`Mode: read` or `Mode: write`); read when absent. */
export function readMode(text: string): 'read' | 'write' {
  const header = text.split('\n').filter((line) => line.trim().startsWith('//')).join('\n');
  return /Mode:\s*write/i.test(header) ? 'write' : 'read';
}
