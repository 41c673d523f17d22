import type { Driver } from 'neo4j-driver';
import { createBenchExecutor } from './bench-executor.js';
import { formatDuration } from './progress.js';

export interface SimilarityBacklog {
  items: number;
  dirtyItems: number;
  itemsWithSimilar: number;
  /** Dirty items of the other sites in the database. */
  otherDirtyItems: number;
}

/**
 * Waits until the similarity refresher has no dirty item left on the site (tracking marks items
 * with `similarityDirtyAt`, the refresher clears the mark once their SIMILAR lists are rebuilt),
 * reading the graph directly; with `wholeDatabase`, on every site (a benchmark measured while the
 * refresher still works another site's backlog measures that work too). Returns whether that
 * happened before the timeout.
 */
export async function waitForSimilarityRefresher(
  driver: Driver,
  siteId: string,
  options: {
    timeoutMs: number;
    intervalMs?: number;
    database?: string;
    wholeDatabase?: boolean;
    log: (line: string) => void;
  },
): Promise<{ drained: boolean; elapsedMs: number; backlog: SimilarityBacklog }> {
  const executor = createBenchExecutor(driver, {
    ...(options.database ? { database: options.database } : {}),
    timeoutMs: 60_000,
  });
  const started = Date.now();
  const first = await readBacklog();
  let backlog = first;
  for (;;) {
    const elapsedMs = Date.now() - started;
    const waitingFor = (b: SimilarityBacklog) =>
      b.dirtyItems + (options.wholeDatabase ? b.otherDirtyItems : 0);
    const cleared = waitingFor(first) - waitingFor(backlog);
    const rate = cleared / Math.max(elapsedMs / 1000, 0.001);
    const eta = rate > 0 ? `, ETA ${formatDuration(waitingFor(backlog) / rate)}` : '';
    const others =
      backlog.otherDirtyItems > 0
        ? `; other sites: ${backlog.otherDirtyItems} dirty items${options.wholeDatabase ? '' : ' (not waited for)'}`
        : '';
    options.log(
      `similarity refresher: ${backlog.dirtyItems} of ${backlog.items} items dirty, ${backlog.itemsWithSimilar} with SIMILAR neighbours${others}, ${formatDuration(elapsedMs / 1000)}${eta}`,
    );
    if (waitingFor(backlog) === 0) return { drained: true, elapsedMs, backlog };
    if (elapsedMs >= options.timeoutMs) return { drained: false, elapsedMs, backlog };
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 3_000));
    backlog = await readBacklog();
  }

  async function readBacklog(): Promise<SimilarityBacklog> {
    const [row] = await executor.run<SimilarityBacklog>('bench/count-similarity-backlog', {
      siteId,
    });
    return {
      items: row?.items ?? 0,
      dirtyItems: row?.dirtyItems ?? 0,
      itemsWithSimilar: row?.itemsWithSimilar ?? 0,
      otherDirtyItems: row?.otherDirtyItems ?? 0,
    };
  }
}
