import neo4j from 'neo4j-driver';
import { readFileSync } from 'node:fs';
import { createSyntheticPopulation } from './support/synthetic-population.js';
import { validateEvents } from '../src/tracking/validate-events.js';
import { toEventRow } from '../src/tracking/event-rows.js';
const d = neo4j.driver('bolt://127.0.0.1:7687', undefined, { disableLosslessIntegers: true });
const pop = createSyntheticPopulation({ users: 20000, items: 10000, zipfExponent: 1 });
const cpu = () => { const f = readFileSync('/proc/8770/stat', 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const files = process.argv.slice(2);
const size = Number(process.env.ROWS ?? 500);
for (let rep = 0; rep < 2; rep++) for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const siteId = 'cmp-' + Math.random().toString(36).slice(2, 8);
  const walls: number[] = []; const cpus: number[] = [];
  for (let round = 0; round < 6; round++) {
    const raw = Array.from({ length: size }, () => pop.nextEvent()).filter((e) => e.type !== 'login');
    const { prepared } = validateEvents(raw, { keyKind: 'public', now: Date.now() });
    const rows = prepared.map((p) => toEventRow(siteId, p));
    const s = d.session();
    const c = cpu(); const t = performance.now();
    await s.executeWrite((tx) => tx.run(text, { events: rows, now: Date.now() }));
    walls.push(Math.round(performance.now() - t)); cpus.push(cpu() - c);
    await s.close();
  }
  console.log(file.split('/').pop(), 'wall', walls.slice(1).join(' '), '| neo4j cpu ms', cpus.slice(1).join(' '));
}
await d.close();
