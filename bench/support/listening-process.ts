import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The process listening on a local TCP port (Linux /proc; undefined elsewhere, for a remote
 * address, or when the process belongs to another user): the benchmarks find a local Neo4j by its
 * Bolt port to report its CPU apart from the rest of the machine.
 */
export function pidListeningOn(uri: string): number | undefined {
  const { hostname, port } = new URL(uri);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname)) return undefined;
  const portHex = Number(port || 7687)
    .toString(16)
    .toUpperCase()
    .padStart(4, '0');
  try {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6'])
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local address "ADDR:PORT", state 0A = LISTEN, inode in the tenth column
        if (fields[1]?.endsWith(`:${portHex}`) && fields[3] === '0A') inodes.add(fields[9]!);
      }
    if (inodes.size === 0) return undefined;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let descriptors: string[];
      try {
        descriptors = readdirSync(`/proc/${entry}/fd`);
      } catch {
        continue;
      }
      for (const descriptor of descriptors) {
        try {
          const target = readlinkSync(`/proc/${entry}/fd/${descriptor}`);
          if (inodes.has(target.slice('socket:['.length, -1))) return Number(entry);
        } catch {
          // closed meanwhile
        }
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}
