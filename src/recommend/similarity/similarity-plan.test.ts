import { describe, expect, it } from 'vitest';
import {
  planCandidateModel,
  planSymmetricModel,
  type ItemCooccurrences,
} from './similarity-plan.js';

const settings = { k: 2, threshold: 0.01 };

interface Neighbour {
  item: string;
  degree: number;
  cooccurrence: number;
  /** -1: no floor yet (as the read returns it). */
  floor?: number;
}

/** A read for item A, its neighbours written one per row and turned into the read's columns. */
function data(
  overrides: Partial<Pick<ItemCooccurrences, 'outEdges' | 'inEdges'>> & {
    neighbours?: Neighbour[];
  } = {},
): ItemCooccurrences {
  const {
    neighbours = [
      { item: 'B', degree: 4, cooccurrence: 4 },
      { item: 'C', degree: 1, cooccurrence: 1 },
      { item: 'D', degree: 16, cooccurrence: 2 },
    ],
    ...rest
  } = overrides;
  const withFloors = neighbours.some((neighbour) => neighbour.floor !== undefined);
  return {
    item: 'A',
    degree: 4,
    sampled: 4,
    neighbourItems: neighbours.map((neighbour) => neighbour.item),
    cooccurrences: neighbours.map((neighbour) => neighbour.cooccurrence),
    degrees: neighbours.map((neighbour) => neighbour.degree),
    ...(withFloors ? { floors: neighbours.map((neighbour) => neighbour.floor ?? -1) } : {}),
    outEdges: [],
    inEdges: [],
    ...rest,
  };
}

describe('planSymmetricModel', () => {
  it('writes the k best neighbours and the same score on the reverse edges', () => {
    const plan = planSymmetricModel(data(), settings);
    expect(plan.writes).toEqual([
      { from: 'A', to: 'B', score: 1 },
      { from: 'A', to: 'C', score: 0.5 },
      { from: 'B', to: 'A', score: 1 },
      { from: 'C', to: 'A', score: 0.5 },
    ]);
    expect(plan.prune).toEqual(['B', 'C']);
    expect(plan.changed).toEqual(['A', 'B', 'C']);
  });

  it('leaves unchanged edges alone, drops neighbours that fell out and updates reverse edges it already had', () => {
    const plan = planSymmetricModel(
      data({
        outEdges: [
          { item: 'B', score: 1 },
          { item: 'E', score: 0.7 },
        ],
        inEdges: [
          { item: 'D', score: 0.9 },
          { item: 'E', score: 0.7 },
        ],
      }),
      settings,
    );
    expect(plan.writes).toEqual([
      { from: 'A', to: 'E', score: null },
      { from: 'A', to: 'C', score: 0.5 },
      { from: 'B', to: 'A', score: 1 },
      { from: 'C', to: 'A', score: 0.5 },
      { from: 'D', to: 'A', score: 0.25 },
      { from: 'E', to: 'A', score: null },
    ]);
  });
});

describe('planCandidateModel', () => {
  it('makes the k nearest (seen from the item) its incoming edges and stores the k-th score as its floor', () => {
    const plan = planCandidateModel(data(), { ...settings, alpha: 0.5 });
    expect(plan.writes.filter((write) => write.to === 'A')).toEqual([
      { from: 'B', to: 'A', score: 1 },
      { from: 'C', to: 'A', score: 0.5 },
    ]);
    expect(plan.floors).toEqual([{ item: 'A', floor: 0.5 }]);
    expect(plan.prune).toEqual(['B', 'C', 'A']);
  });

  it('adds an outgoing edge only where the item beats the other candidate floor, and never to one without a floor', () => {
    const plan = planCandidateModel(
      data({
        neighbours: [
          { item: 'B', degree: 4, cooccurrence: 4, floor: 0.5 },
          { item: 'C', degree: 1, cooccurrence: 1, floor: 0.9 },
          { item: 'D', degree: 16, cooccurrence: 2, floor: -1 },
        ],
        outEdges: [{ item: 'X', score: 0.4 }],
      }),
      { ...settings, alpha: 0.5 },
    );
    expect(plan.writes.filter((write) => write.from === 'A')).toEqual([
      { from: 'A', to: 'B', score: 1 },
      { from: 'A', to: 'X', score: null },
    ]);
  });
});
