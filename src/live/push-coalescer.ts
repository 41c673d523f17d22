export interface PushCoalescerOptions<K> {
  /** Minimum time between two counted pushes for one key. */
  minPushIntervalMs: number;
  /** Minimum time between the starts of two flushes for one key: bounds recomputes of lists that do not change. */
  minFlushIntervalMs: number;
  /** Recomputes and pushes if needed; resolves true when it pushed something that counts towards the interval. */
  flush(key: K): Promise<boolean>;
  onError(key: K, error: unknown): void;
}

export interface PushCoalescer<K> {
  /**
   * Something changed for this key: flush as soon as the intervals allow (once, however many
   * requests). An urgent request (a user's own event) is held back only by earlier urgent flushes
   * and pushes, never by ones of other causes: urgent flushes keep the intervals among themselves.
   */
  request(key: K, urgent?: boolean): void;
  /** The key is gone: cancel its pending flush and forget its timings. */
  forget(key: K): void;
  /** Keys with a flush scheduled or running. */
  busyCount(): number;
}

interface KeyState {
  lastPushAt: number;
  lastFlushAt: number;
  lastUrgentPushAt: number;
  lastUrgentFlushAt: number;
  /** An urgent request waits for the next flush. */
  urgent: boolean;
  /** When the scheduled flush is due. */
  dueAt: number;
  /** Cancels the scheduled flush; undefined when none is scheduled. */
  cancel: (() => void) | undefined;
  running: boolean;
  /** A request arrived while flushing: the flush may have read older data, so flush again. */
  again: boolean;
  forgotten: boolean;
}

/**
 * Per-key coalescing of pushes: requests that arrive while a flush is scheduled merge into it; a
 * request during a flush schedules one more after it, so the last change is always delivered.
 */
export function createPushCoalescer<K>(options: PushCoalescerOptions<K>): PushCoalescer<K> {
  const states = new Map<K, KeyState>();

  function dueAt(state: KeyState): number {
    if (state.urgent)
      return Math.max(
        state.lastUrgentPushAt + options.minPushIntervalMs,
        state.lastUrgentFlushAt + options.minFlushIntervalMs,
      );
    return Math.max(
      state.lastPushAt + options.minPushIntervalMs,
      state.lastFlushAt + options.minFlushIntervalMs,
    );
  }

  function schedule(key: K, state: KeyState): void {
    const due = dueAt(state);
    state.dueAt = due;
    const delay = due - Date.now();
    // setImmediate rather than a zero timeout: timers are clamped to 1 ms, and an urgent push takes two hops.
    if (delay > 0) {
      const timer = setTimeout(() => void run(key, state), delay);
      state.cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => void run(key, state));
      state.cancel = () => clearImmediate(immediate);
    }
  }

  async function run(key: K, state: KeyState): Promise<void> {
    state.cancel = undefined;
    state.running = true;
    const urgent = state.urgent;
    state.urgent = false;
    state.lastFlushAt = Date.now();
    if (urgent) state.lastUrgentFlushAt = state.lastFlushAt;
    try {
      if (await options.flush(key)) {
        state.lastPushAt = Date.now();
        if (urgent) state.lastUrgentPushAt = state.lastPushAt;
      }
    } catch (error) {
      options.onError(key, error);
    } finally {
      state.running = false;
      if (!state.forgotten && state.again) {
        state.again = false;
        schedule(key, state);
      }
    }
  }

  return {
    request(key, urgent = false) {
      let state = states.get(key);
      if (!state) {
        state = {
          lastPushAt: -Infinity,
          lastFlushAt: -Infinity,
          lastUrgentPushAt: -Infinity,
          lastUrgentFlushAt: -Infinity,
          urgent: false,
          dueAt: Infinity,
          cancel: undefined,
          running: false,
          again: false,
          forgotten: false,
        };
        states.set(key, state);
      }
      if (urgent) state.urgent = true;
      if (state.running) state.again = true;
      else if (state.cancel === undefined) schedule(key, state);
      else if (urgent && dueAt(state) < state.dueAt) {
        state.cancel(); // an urgent request moves a flush held back by other causes forward
        schedule(key, state);
      }
    },
    forget(key) {
      const state = states.get(key);
      if (!state) return;
      state.cancel?.();
      state.forgotten = true;
      states.delete(key);
    },
    busyCount() {
      let count = 0;
      for (const state of states.values())
        if (state.running || state.cancel !== undefined) count += 1;
      return count;
    },
  };
}
