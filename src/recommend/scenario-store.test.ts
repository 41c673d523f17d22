import { describe, expect, it } from 'vitest';
import { createCypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import { scenarioConfig } from './scenario-config.js';
import { createScenarioStore } from './scenario-store.js';

/** An executor answering get-scenario from a gate the test opens; counts the reads. */
function gatedExecutor() {
  const gates: Array<() => void> = [];
  let reads = 0;
  let config = { models: ['popular'] };
  const executor = {
    async run(name: string) {
      if (name === 'recommend/get-scenario') {
        reads += 1;
        const answer = JSON.stringify(config);
        await new Promise<void>((resolve) => gates.push(resolve));
        return [{ id: 'home', config: answer, updatedAt: 1 }];
      }
      if (name === 'recommend/put-scenario') return [{ id: 'home', updatedAt: 2, created: false }];
      return [];
    },
  } as unknown as QueryExecutor;
  return {
    executor,
    reads: () => reads,
    open: () => gates.splice(0).forEach((resolve) => resolve()),
    setConfig: (next: typeof config) => (config = next),
  };
}

describe('scenario store cache', () => {
  it('lets concurrent requests for an uncached scenario share one read', async () => {
    const graph = gatedExecutor();
    const store = createScenarioStore({
      executor: graph.executor,
      registry: createCypherRegistry(),
    });
    const pending = Promise.all([1, 2, 3].map(() => store.get('site', 'home')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    graph.open();
    const scenarios = await pending;
    expect(scenarios.map((scenario) => scenario.id)).toEqual(['home', 'home', 'home']);
    expect(graph.reads()).toBe(1);
    await store.get('site', 'home');
    expect(graph.reads()).toBe(1);
  });

  it('does not keep or share a read that a write of the same scenario overtook', async () => {
    const graph = gatedExecutor();
    const store = createScenarioStore({
      executor: graph.executor,
      registry: createCypherRegistry(),
    });
    const before = store.get('site', 'home');
    await new Promise((resolve) => setTimeout(resolve, 0));
    graph.setConfig({ models: ['trending'] });
    await store.put('site', 'home', scenarioConfig.parse({ models: ['trending'] }));
    const after = store.get('site', 'home');
    await new Promise((resolve) => setTimeout(resolve, 0));
    graph.open();
    expect((await before).models).toEqual(['popular']);
    expect((await after).models).toEqual(['trending']);
    expect(graph.reads()).toBe(2);
    await store.get('site', 'home');
    expect(graph.reads()).toBe(2);
  });
});
