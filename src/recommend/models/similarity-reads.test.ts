import { describe, expect, it } from 'vitest';
import type { QueryExecutor } from '../../graph/query-executor.js';
import { itemKey } from '../candidate.js';
import { EMPTY_LIST } from './neighbour-scoring.js';
import { createSimilarityReads } from './similarity-reads.js';

/** Answers read-similar-lists from fixed lists (the Cypher itself is tested against Neo4j). */
function executorWith(lists: Record<string, { ids: string[]; scores: number[] }>) {
  const statements: string[] = [];
  const executor = {
    async run(name: string, params: { items: { type: string; id: string }[] }) {
      statements.push(name);
      return params.items.map((item) => ({
        ...item,
        types: lists[item.id]!.ids.map(() => 'product'),
        ...lists[item.id]!,
      }));
    },
  } as unknown as QueryExecutor;
  return { executor, statements };
}

const product = (id: string) => ({ type: 'product', id });

describe('similarity reads', () => {
  it('keeps lists as items and scores in parallel, one item object per item across lists', async () => {
    const { executor, statements } = executorWith({
      A: { ids: ['X', 'Y'], scores: [0.9, 0.5] },
      B: { ids: ['Y', 'Z'], scores: [0.8, 0.1] },
      C: { ids: [], scores: [] },
    });
    const reads = createSimilarityReads(executor);
    const first = await reads.similarLists('s1', 'also_bought', [product('A'), product('C')]);
    const second = await reads.similarLists('s1', 'also_bought', [product('B')]);
    const a = first.get(itemKey('product', 'A'))!;
    const b = second.get(itemKey('product', 'B'))!;
    expect(a.items.map((item) => item.id)).toEqual(['X', 'Y']);
    expect(Array.from(a.scores)).toEqual([0.9, 0.5]);
    expect(a.items[1]).toEqual({ type: 'product', id: 'Y', key: itemKey('product', 'Y') });
    expect(b.items[0]).toBe(a.items[1]);
    expect(first.get(itemKey('product', 'C'))).toBe(EMPTY_LIST);
    // cached: read again without a query
    await reads.similarLists('s1', 'also_bought', [product('A'), product('B')]);
    expect(statements).toEqual(['recommend/read-similar-lists', 'recommend/read-similar-lists']);
  });

  it('never shares an item object between sites', async () => {
    const { executor } = executorWith({ A: { ids: ['X'], scores: [1] } });
    const reads = createSimilarityReads(executor);
    const one = await reads.similarLists('s1', 'also_bought', [product('A')]);
    const two = await reads.similarLists('s2', 'also_bought', [product('A')]);
    expect(two.get(itemKey('product', 'A'))!.items[0]).not.toBe(
      one.get(itemKey('product', 'A'))!.items[0],
    );
  });
});
