export interface StableWaitOptions {
  intervalMs: number;
  /** Consecutive equal reads that count as settled (2 = one unchanged interval). */
  stableReads: number;
  timeoutMs: number;
  /** Reads that are not ready yet (e.g. empty lists) never count as stable. */
  isReady?: (snapshot: string) => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onRead?: (info: { reads: number; unchanged: number; elapsedMs: number }) => void;
}

/**
 * Polls `read` until it returns the same snapshot `stableReads` times in a row, e.g. the
 * recommendations of a sample of users while a background refresher is still catching up.
 * Returns whether it settled before the timeout.
 */
export async function waitUntilStable(
  read: () => Promise<string>,
  options: StableWaitOptions,
): Promise<{ settled: boolean; elapsedMs: number; reads: number }> {
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const started = now();
  let previous: string | undefined;
  let unchanged = 0;
  let reads = 0;
  for (;;) {
    const snapshot = await read();
    reads += 1;
    const ready = options.isReady?.(snapshot) ?? true;
    unchanged = ready && snapshot === previous ? unchanged + 1 : ready ? 1 : 0;
    previous = snapshot;
    const elapsedMs = now() - started;
    options.onRead?.({ reads, unchanged, elapsedMs });
    if (unchanged >= options.stableReads) return { settled: true, elapsedMs, reads };
    if (elapsedMs >= options.timeoutMs) return { settled: false, elapsedMs, reads };
    await sleep(options.intervalMs);
  }
}
