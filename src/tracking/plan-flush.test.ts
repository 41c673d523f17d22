import { describe, expect, it } from 'vitest';
import type { EventRow } from './event-rows.js';
import { planFlush, resolveOutcomes } from './plan-flush.js';

function row(id: string, payloadHash = 'h1', siteId = 's1'): EventRow {
  return { siteId, id, payloadHash, user: 'u' } as EventRow;
}

describe('planFlush and resolveOutcomes', () => {
  it('writes one row per site and event id and gives later copies their leader', () => {
    const rows = [row('a'), row('b'), row('a', 'h2'), row('a', 'h1', 's2'), row('b')];
    const plan = planFlush(rows);
    expect(plan.leaders.map((leader) => `${leader.siteId}/${leader.id}`)).toEqual([
      's1/a',
      's1/b',
      's2/a',
    ]);
    expect(plan.leaderOf).toEqual([0, 1, 0, 2, 1]);
  });

  it('marks the creating row stored, equal copies duplicates and different payloads reused', () => {
    const rows = [row('a'), row('b'), row('a'), row('a', 'h2'), row('c', 'h3')];
    const plan = planFlush(rows);
    const outcomes = resolveOutcomes(rows, plan, [
      { siteId: 's1', id: 'a', isNew: true, storedHash: 'h1', resolvedUser: 'k' },
      { siteId: 's1', id: 'b', isNew: false, storedHash: 'h1', resolvedUser: null },
      { siteId: 's1', id: 'c', isNew: false, storedHash: 'h9', resolvedUser: null },
    ]);
    expect(outcomes).toEqual([
      { status: 'stored', resolvedUser: 'k' },
      { status: 'duplicate', resolvedUser: null },
      { status: 'duplicate', resolvedUser: null },
      { status: 'reused', resolvedUser: null },
      { status: 'reused', resolvedUser: null },
    ]);
  });

  it('fails loudly when the graph forgets a row rather than acknowledging it', () => {
    const rows = [row('a')];
    expect(() => resolveOutcomes(rows, planFlush(rows), [])).toThrow(/no row for event a/);
  });
});
