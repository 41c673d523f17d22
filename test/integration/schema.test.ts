import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCypherDirectory } from '../../src/graph/cypher-registry.js';
import { applySchemaMigrations, readSchemaMigrations } from '../../src/graph/migrations.js';
import type { QueryExecutor } from '../../src/graph/query-executor.js';
import { createLogger } from '../../src/logging/logger.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';
import { startTestService } from '../support/test-service.js';

describe('schema on Neo4j Community 5.26', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

  it('runs on Neo4j Kernel 5.26', async () => {
    const result = await graph.executor.runText(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
      {},
      { mode: 'read' },
    );
    const kernel = result.records.find((record) => record.get('name') === 'Neo4j Kernel');
    expect(kernel?.get('version')).toMatch(/^5\.26\./);
  });

  it('applies the versioned schema idempotently (a second start changes nothing)', async () => {
    const first = await startTestService();
    await first.close();
    const second = await startTestService();
    await second.close();
    const migrations = await graph.executor.runText(
      'MATCH (m:SchemaMigration) RETURN count(m) AS applied',
      {},
      { mode: 'read' },
    );
    expect(migrations.records[0]?.get('applied')).toBeGreaterThanOrEqual(1);
    const constraints = await graph.executor.runText(
      'SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names',
      {},
      { mode: 'read' },
    );
    expect(constraints.records[0]?.get('names')).toEqual(
      expect.arrayContaining(['user_site_id', 'item_site_type_id', 'event_site_id']),
    );
  });

  it('does not run a recorded migration again, so an index a later file drops is not re-created at each start', async () => {
    const migrations = readSchemaMigrations(join(findCypherDirectory(), 'schema'));
    await applySchemaMigrations(graph.executor, migrations, createLogger('silent'));
    const statements: string[] = [];
    const recording: QueryExecutor = {
      ...graph.executor,
      runText: (text, params, options) => {
        statements.push(text);
        return graph.executor.runText(text, params, options);
      },
    };
    expect(await applySchemaMigrations(recording, migrations, createLogger('silent'))).toBe(0);
    expect(statements.filter((text) => /^\s*(CREATE|DROP)\b/i.test(text))).toEqual([]);
    const indexes = await graph.executor.runText(
      'SHOW INDEXES YIELD name RETURN collect(name) AS names',
      {},
      { mode: 'read' },
    );
    expect(indexes.records[0]?.get('names')).not.toContain('event_at');
  });

  it('enforces composite (siteId, id) uniqueness while the same id lives in another site', async () => {
    const siteA = uniqueSiteId();
    const siteB = uniqueSiteId();
    await graph.executor.runText(
      'CREATE (:User {siteId: $siteA, id: "u1"}), (:User {siteId: $siteB, id: "u1"})',
      { siteA, siteB },
    );
    await expect(
      graph.executor.runText('CREATE (:User {siteId: $siteA, id: "u1"})', { siteA }),
    ).rejects.toMatchObject({ code: 'GRAPH_QUERY_FAILED' });
    await graph.executor.runText(
      'CREATE (:Item {siteId: $siteA, type: "product", id: "i1"}), (:Item {siteId: $siteA, type: "article", id: "i1"})',
      { siteA },
    );
    await expect(
      graph.executor.runText('CREATE (:Item {siteId: $siteA, type: "product", id: "i1"})', {
        siteA,
      }),
    ).rejects.toMatchObject({ code: 'GRAPH_QUERY_FAILED' });
  });
});
