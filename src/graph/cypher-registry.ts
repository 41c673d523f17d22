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
  /** What is sent to Neo4j: the file without whole-line comments and indentation. */
  text: string;
  /** The file as written, header included. */
  source: string;
  /** Statements whose header says `Mode: write` run in write transactions. */
  mode: 'read' | 'write';
}

export class MissingCypherError extends Error {
  constructor(name: string, directory: string) {
    super(
      `Cypher statement "${name}" not found: expected the file ${join(directory, `${name}.cypher`)}`,
    );
    this.name = 'MissingCypherError';
  }
}

export function createCypherRegistry(directory: string = findCypherDirectory()): CypherRegistry {
  const statements = new Map<string, CypherStatement>();
  for (const file of listCypherFiles(directory)) {
    const name = relative(directory, file)
      .split(sep)
      .join('/')
      .replace(/\.cypher$/, '');
    if (name.startsWith('schema/')) continue; // migrations are applied by the migrator, not run by name
    const source = readFileSync(file, 'utf8').trim();
    statements.set(name, { name, text: compactCypher(source), source, mode: readMode(source) });
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

/**
 * The text sent to Neo4j: without whole-line comments and indentation. Every query sends its text;
 * the driver writes a message in 1,400-byte chunks, one socket write each, so the header comments
 * alone cost a write per query (store-events: 4.9 KB in the file, 3.3 KB sent). Lines that end
 * inside a string literal are kept as they are.
 */
export function compactCypher(source: string): string {
  const lines: string[] = [];
  let openQuote: string | undefined;
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (!openQuote && (trimmed === '' || trimmed.startsWith('//'))) continue;
    lines.push(openQuote ? line : trimmed);
    openQuote = quoteOpenAtEnd(line, openQuote);
  }
  return lines.join('\n');
}

/** The quote (', " or `) of a literal or identifier still open at the end of the line, if any. */
function quoteOpenAtEnd(line: string, openAtStart: string | undefined): string | undefined {
  let quote = openAtStart;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    if (quote) {
      if (char === '\\' && quote !== '`') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '/' && line[index + 1] === '/') break;
  }
  return quote;
}

/** The mode is declared in the opening comment (`Mode: read` or `Mode: write`); read when absent. */
export function readMode(text: string): 'read' | 'write' {
  const header = text
    .split('\n')
    .filter((line) => line.trim().startsWith('//'))
    .join('\n');
  return /Mode:\s*write/i.test(header) ? 'write' : 'read';
}
