import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCypherDirectory } from '../../src/graph/cypher-registry.js';
import { applySchemaMigrations, readSchemaMigrations } from '../../src/graph/migrations.js';
import { createLogger } from '../../src/logging/logger.js';
import { connectTestGraph } from '../support/test-graph.js';

/** Statements that read every node of one small label on purpose. */
const WHOLE_LABEL_SCANS = new Set([
  // CORS preflights carry no key: every Site's allowedOrigins list is read (no index answers list
  // membership); one node per site, read once per cache period for every origin.
  'sites/read-allowed-origins',
]);

describe('every registered Cypher statement', () => {
  const graph = connectTestGraph();
  // the plans are those of the real schema, whichever test file ran first on a fresh database
  beforeAll(async () => {
    const migrations = readSchemaMigrations(join(findCypherDirectory(), 'schema'));
    await applySchemaMigrations(graph.executor, migrations, createLogger('silent'));
  });
  afterAll(() => graph.close());

  it('has a header saying its purpose, parameters and mode', () => {
    for (const name of graph.registry.names()) {
      const text = graph.registry.get(name).source;
      expect(text, name).toMatch(/^\/\/ Purpose:/);
      expect(text, name).toMatch(/Mode: (read|write)/);
    }
  });

  // A scan of every node or relationship makes a statement's cost grow with the whole database
  // (every site's data). The planner picks one when statistics say the graph is small, as in a
  // fresh test database, and the plan then stays cached while the graph grows: a MERGE with a
  // dynamic relationship type scanned all relationships for every new interaction.
  it.each(connectTestGraph().registry.names())(
    '%s compiles on the real database (EXPLAIN) without scanning the whole graph',
    async (name) => {
      const statement = graph.registry.get(name);
      const result = await graph.executor.runText(
        `EXPLAIN ${statement.text}`,
        {},
        { mode: 'read' },
      );
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; children: unknown[] }) => {
        operators.push(plan.operatorType.replace(/@.*$/, ''));
        for (const child of plan.children) walk(child as typeof plan);
      };
      walk(result.summary.plan as unknown as { operatorType: string; children: unknown[] });
      const scans = operators.filter((operator) =>
        /^(AllNodesScan|NodeByLabelScan|\w*AllRelationshipsScan|\w*RelationshipTypes?Scan)$/.test(
          operator,
        ),
      );
      expect(scans, name).toEqual(WHOLE_LABEL_SCANS.has(name) ? ['NodeByLabelScan'] : []);
    },
  );
});
