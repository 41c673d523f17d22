import { afterAll, describe, expect, it } from 'vitest';
import { connectTestGraph } from '../support/test-graph.js';

describe('every registered Cypher statement', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());

  it('has a header saying its purpose, parameters and mode', () => {
    for (const name of graph.registry.names()) {
      const text = graph.registry.get(name).source;
      expect(text, name).toMatch(/^\/\/ Purpose:/);
      expect(text, name).toMatch(/Mode: (read|write)/);
    }
  });

  it.each(connectTestGraph().registry.names())('%s compiles on the real database (EXPLAIN)', async (name) => {
    const statement = graph.registry.get(name);
    await graph.executor.runText(`EXPLAIN ${statement.text}`, {}, { mode: 'read' });
  });
});
