import neo4j from 'neo4j-driver';
import { readFileSync } from 'node:fs';
import { createSyntheticPopulation } from './support/synthetic-population.js';
import { validateEvents } from '../src/tracking/validate-events.js';
import { toEventRow } from '../src/tracking/event-rows.js';
const d = neo4j.driver('bolt://127.0.0.1:7687', undefined, { disableLosslessIntegers: true });
const pop = createSyntheticPopulation({ users: 20000, items: 10000, zipfExponent: 1 });
const siteId = 'var-' + Math.random().toString(36).slice(2, 8);
const full = readFileSync('cypher/tracking/store-events.cypher', 'utf8');
const variants: Record<string, string> = {
  eventOnly: `WITH toInteger(rand() * 9007199254740991) AS writeToken UNWIND $events AS ev
MERGE (e:Event {siteId: ev.siteId, id: ev.id}) ON CREATE SET e.type = ev.type, e.user = ev.user, e.at = toInteger(ev.at), e.payloadHash = ev.payloadHash, e.storedAt = toInteger($now), e.writeToken = writeToken
RETURN ev.id AS id, e.writeToken = writeToken AS isNew`,
  userItem: `WITH toInteger(rand() * 9007199254740991) AS writeToken UNWIND $events AS ev
MERGE (e:Event {siteId: ev.siteId, id: ev.id}) ON CREATE SET e.type = ev.type, e.user = ev.user, e.at = toInteger(ev.at), e.payloadHash = ev.payloadHash, e.storedAt = toInteger($now), e.writeToken = writeToken
WITH ev, e.writeToken = writeToken AS isNew WHERE isNew AND ev.item IS NOT NULL
MERGE (u:User {siteId: ev.siteId, id: ev.user})
MERGE (i:Item {siteId: ev.siteId, type: ev.itemType, id: ev.item})
RETURN count(*) AS n`,
  full,
};
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(variants);
for (const name of names) {
  const times: number[] = [];
  for (let round = 0; round < 4; round++) {
    const raw = Array.from({ length: 200 }, () => pop.nextEvent()).filter((e) => e.type !== 'login');
    const { prepared } = validateEvents(raw, { keyKind: 'public', now: Date.now() });
    const rows = prepared.map((p) => toEventRow(siteId, p));
    const s = d.session();
    const t = performance.now();
    await s.executeWrite((tx) => tx.run(variants[name]!, { events: rows, now: Date.now() }));
    times.push(Math.round(performance.now() - t));
    await s.close();
  }
  console.log(name, times.join(' '));
}
await d.close();
