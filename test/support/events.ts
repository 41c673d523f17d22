import { randomUUID } from 'node:crypto';
import type { TestGraph } from './test-graph.js';

/** A valid event of the given type with a fresh id; fields override the defaults. */
export function makeEvent(
  type: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  const extra: Record<string, Record<string, unknown>> = {
    consume: { percent: 50 },
    buy: { quantity: 1, price: 10, currency: 'EUR' },
    rate: { rating: 80 },
    impression: { items: ['i1', 'i2'], recommendationId: 'rec-1' },
    click_recommended: { recommendationId: 'rec-1' },
    login: { knownUser: 'known-1' },
  };
  const base: Record<string, unknown> = { id: randomUUID(), type, user: 'u1' };
  if (type !== 'login' && type !== 'impression') base.item = 'i1';
  return { ...base, ...extra[type], ...fields };
}

/** Interaction relationships of a site as `user-TYPE->item` keys with their properties. */
export async function readInteractions(
  graph: TestGraph,
  siteId: string,
): Promise<Map<string, Record<string, unknown>>> {
  const result = await graph.executor.runText(
    'MATCH (u:User {siteId: $siteId})-[r]->(i:Item) RETURN u.id AS user, type(r) AS type, i.type AS itemType, i.id AS item, properties(r) AS props',
    { siteId },
    { mode: 'read' },
  );
  return new Map(
    result.records.map((record) => [
      `${record.get('user')}-${record.get('type')}->${record.get('itemType')}/${record.get('item')}`,
      record.get('props'),
    ]),
  );
}

export async function countEvents(graph: TestGraph, siteId: string): Promise<number> {
  const result = await graph.executor.runText(
    'MATCH (e:Event {siteId: $siteId}) RETURN count(e) AS events',
    { siteId },
    { mode: 'read' },
  );
  return result.records[0]!.get('events') as number;
}
