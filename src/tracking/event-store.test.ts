import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectRoot } from '../config/project-paths.js';
import { toEventRow, type EventRow } from './event-rows.js';
import type { TrackedEvent } from './event-schema.js';
import { STORE_EVENTS_COLUMNS, toStatementRow } from './event-store.js';

const statement = readFileSync(
  join(findProjectRoot(), 'cypher', 'tracking', 'store-events.cypher'),
  'utf8',
);

const view: EventRow = toEventRow('s', {
  index: 0,
  event: { id: 'e1', type: 'view', user: 'u1', itemType: 'product', item: 'i1' } as TrackedEvent,
  at: 1_000,
  payloadHash: 'h',
});

describe('the event write statements', () => {
  it.each(['store-events', 'merge-users'])(
    '%s takes its rows inside a map: its plan must not depend on how many there are',
    (name) => {
      // Neo4j keys its plan cache on a list parameter's size rounded up to a power of ten, so a
      // bare `UNWIND $rows` is planned again (up to 1.4 s after a restart, every write queued
      // behind it) the first time a flush reaches 11, 101 or 1,001 rows. A map has no size.
      const text = readFileSync(
        join(findProjectRoot(), 'cypher', 'tracking', `${name}.cypher`),
        'utf8',
      );
      const code = text.replace(/\/\/.*$/gm, '');
      expect(code).toMatch(/UNWIND \$batch\.\w+ AS/);
      expect(code).not.toMatch(/UNWIND \$\w+ AS/);
      expect(code).not.toMatch(/size\(\$\w+\)/);
    },
  );
});

describe('tracking/store-events rows', () => {
  it('are named in the statement in the order the service sends them', () => {
    const named = [...statement.matchAll(/(\w+): row\[(\d+)\]/g)].map(([, name, index]) => ({
      name,
      index: Number(index),
    }));
    expect(named).toEqual(STORE_EVENTS_COLUMNS.map((name, index) => ({ name, index })));
  });

  it('carry every member the statement reads', () => {
    const read = new Set([...statement.matchAll(/\bev\.(\w+)/g)].map(([, name]) => name));
    expect([...read].sort()).toEqual([...STORE_EVENTS_COLUMNS].sort());
  });

  it('end at their last value and send false flags and no impressions as null', () => {
    expect(toStatementRow(view)).toEqual([
      's',
      'e1',
      'view',
      'u1',
      'product',
      'i1',
      1_000,
      'h',
      'VIEWED',
      true,
    ]);
    const click = toStatementRow({
      ...view,
      type: 'click_recommended',
      interaction: null,
      marksSimilarity: false,
      recommendationId: 'r1',
      clicks: 1,
    });
    expect(click).toHaveLength(20);
    expect(click.slice(8, 10)).toEqual([null, null]);
    expect(click.slice(17)).toEqual(['r1', null, 1]);
  });

  it('keep a zero that means something', () => {
    const consumed = toStatementRow({
      ...view,
      type: 'consume',
      interaction: 'CONSUMED',
      percent: 0,
    });
    expect(consumed[STORE_EVENTS_COLUMNS.indexOf('percent')]).toBe(0);
    const free = toStatementRow({ ...view, type: 'buy', quantity: 1, revenue: 0 });
    expect(free[STORE_EVENTS_COLUMNS.indexOf('revenue')]).toBe(0);
  });
});
