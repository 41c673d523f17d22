import neo4j from 'neo4j-driver';
const d = neo4j.driver('bolt://127.0.0.1:7687', undefined, { disableLosslessIntegers: true });
const time = async (label: string, work: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); await work(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(label, 'min', times[0]!.toFixed(1), 'p50', times[7]!.toFixed(1), 'max', times[14]!.toFixed(1));
};
await time('read RETURN 1 executeRead', async () => { const s = d.session(); await s.executeRead((tx) => tx.run('RETURN 1')); await s.close(); });
await time('write executeWrite', async () => { const s = d.session(); await s.executeWrite((tx) => tx.run('CREATE (n:ProbeTmp) DELETE n')); await s.close(); });
await time('write autocommit', async () => { const s = d.session(); await s.run('CREATE (n:ProbeTmp) DELETE n'); await s.close(); });
await time('write merge 1 event', async () => { const s = d.session(); await s.executeWrite((tx) => tx.run('MERGE (n:Event {siteId: "probe3", id: toString(rand())})')); await s.close(); });
const s = d.session(); await s.run('MATCH (n:Event {siteId: "probe3"}) DELETE n'); await s.close();
await d.close();
