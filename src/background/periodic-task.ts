/** Background work run on a timer: pruning, the statistics rollup, flushing counts. */
export interface PeriodicTask {
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs`, one run at a time (a tick while a run is in progress is
 * skipped); a failed run goes to `onError` and the next tick tries again. The timer does not keep
 * the process alive.
 */
export function createPeriodicTask(
  work: () => Promise<unknown>,
  options: { intervalMs: number; onError(error: unknown): void },
): PeriodicTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  function tick(): void {
    running ??= work()
      .then(() => undefined, options.onError)
      .finally(() => {
        running = undefined;
      });
  }

  return {
    start() {
      timer ??= setInterval(tick, options.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
