import { afterAll, describe, expect, it } from 'vitest';
import { connectTestGraph } from '../support/test-graph.js';

describe('the refresher backlog lease', () => {
  const graph = connectTestGraph();
  afterAll(() => graph.close());
  const name = `lease-test-${Math.random().toString(36).slice(2)}`;
  const claim = async (owner: string, now: number) =>
    (
      await graph.executor.run<{ owner: string }>('recommend/claim-lease', {
        name,
        owner,
        now,
        ttlMs: 10_000,
      })
    )[0]?.owner;

  it('lets one instance hold it, renew it, and another take it only once it expired or was released', async () => {
    expect(await claim('a', 1_000)).toBe('a');
    expect(await claim('b', 2_000)).toBe('a');
    expect(await claim('a', 9_000)).toBe('a'); // renewed until 19,000
    expect(await claim('b', 15_000)).toBe('a');
    expect(await claim('b', 19_001)).toBe('b');
    await graph.executor.run('recommend/release-lease', { name, owner: 'b' });
    expect(await claim('a', 19_002)).toBe('a');
  });
});
