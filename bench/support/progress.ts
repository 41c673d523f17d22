/** Progress of long work on stderr: done/total, rate and ETA, at most once per interval. */
export interface Progress {
  add(count: number): void;
  finish(): void;
}

export function createProgress(
  label: string,
  total: number,
  options: { intervalMs?: number; write?: (line: string) => void } = {},
): Progress {
  const intervalMs = options.intervalMs ?? 1_000;
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  let done = 0;
  let lastPrinted = 0;
  const print = (now: number) => {
    lastPrinted = now;
    write(formatProgress(label, done, total, now - started));
  };
  return {
    add(count) {
      done += count;
      const now = Date.now();
      if (now - lastPrinted >= intervalMs) print(now);
    },
    finish() {
      print(Date.now());
    },
  };
}

export function formatProgress(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
): string {
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const rate = done / seconds;
  const share = total > 0 ? Math.floor((done / total) * 100) : 100;
  const remaining = rate > 0 ? (total - done) / rate : Infinity;
  const eta =
    done >= total
      ? `done in ${formatDuration(seconds)}`
      : `ETA ${Number.isFinite(remaining) ? formatDuration(remaining) : '?'}`;
  return `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${share}%), ${Math.round(rate).toLocaleString('en-US')}/s, ${eta}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
