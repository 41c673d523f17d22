import type { Driver } from 'neo4j-driver';
import { createBenchExecutor } from './bench-executor.js';

const NODES_PER_LABEL_PER_CALL = 5_000;

/**
 * Removes a throw-away benchmark or quality-run site and everything it holds, in bounded
 * transactions (a million events cannot go in one), so the shared database does not keep growing.
 */
export async function deleteBenchSite(
  driver: Driver,
  siteId: string,
  options: { database?: string; log: (line: string) => void },
): Promise<number> {
  const executor = createBenchExecutor(driver, {
    ...(options.database ? { database: options.database } : {}),
    timeoutMs: 120_000,
  });
  let total = 0;
  let lastLogged = Date.now();
  for (;;) {
    const [row] = await executor.run<{
      events: number;
      users: number;
      items: number;
      others: number;
    }>('bench/delete-site-nodes', { siteId, limit: NODES_PER_LABEL_PER_CALL });
    const deleted = (row?.events ?? 0) + (row?.users ?? 0) + (row?.items ?? 0) + (row?.others ?? 0);
    total += deleted;
    if (Date.now() - lastLogged > 5_000) {
      options.log(`deleting site ${siteId}: ${total} nodes so far`);
      lastLogged = Date.now();
    }
    if (deleted === 0) break;
  }
  options.log(`deleted site ${siteId} (${total} nodes)`);
  return total;
}
