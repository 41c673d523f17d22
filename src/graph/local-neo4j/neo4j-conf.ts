export interface Neo4jConfSettings {
  home: string;
  boltPort: number;
  httpPort: number;
  pageCache: string;
}

/**
 * The local server's configuration: loopback only, Bolt and HTTP (Neo4j Browser), no auth
 * (a development database bound to 127.0.0.1; production uses NEO4J_URI with credentials).
 */
export function renderNeo4jConf({
  home,
  boltPort,
  httpPort,
  pageCache,
}: Neo4jConfSettings): string {
  return [
    '# Written by Recograph at every start of the local Neo4j; edits are overwritten.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    `server.http.listen_address=127.0.0.1:${httpPort}`,
    'server.https.enabled=false',
    'dbms.security.auth_enabled=false',
    `server.directories.data=${home}/data`,
    `server.directories.logs=${home}/logs`,
    `server.directories.run=${home}/run`,
    `server.directories.import=${home}/import`,
    `server.directories.plugins=${home}/plugins`,
    // Sized to hold the store: this VM's host reclaims cold file cache (DAMON pageout; the
    // kernel's workingset_refault_file counter climbs), so every page Neo4j's own cache cannot keep
    // is a disk read that may stall a request. The memory is taken only as pages are read.
    `server.memory.pagecache.size=${pageCache}`,
    'db.transaction.timeout=60s',
    'dbms.usage_report.enabled=false',
    // Bounded by size, not age: a day of benchmarking wrote 17 GB of transaction logs under
    // '2 days' and filled the disk. Logs needed for recovery are kept whatever this says.
    'db.tx_log.rotation.retention_policy=1G size',
    // Neo4j keys its plan cache on the size of each list and string parameter (rounded up to a
    // power of ten), so a statement is planned again the first time one of its lists reaches 11,
    // 101 or 1,001 elements: after a restart, each such plan took 0.1-1.4 s of a core while
    // requests waited (ADR 0009). Without the hint, each statement is planned once.
    'internal.cypher.use_parameter_size=false',
    '',
  ].join('\n');
}
