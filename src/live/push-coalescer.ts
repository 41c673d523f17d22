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
  /** Something changed for this key: flush as soon as the intervals allow (once, however many requests). */
  request(key: K): void;
  /** The key is gone: cancel its pending flush and forget its timings. */
  forget(key: K): void;
  /** Keys with a flush scheduled or running. */
  busyCount(): number;
}

interface KeyState {
  lastPushAt: number;
  lastFlushAt: number;
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

  function schedule(key: K, state: KeyState): void {
    const due = Math.max(state.lastPushAt + options.minPushIntervalMs, state.lastFlushAt + options.minFlushIntervalMs);
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
    state.lastFlushAt = Date.now();
    try {
      if (await options.flush(key)) state.lastPushAt = Date.now();
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
    request(key) {
      let state = states.get(key);
      if (!state) {
        state = { lastPushAt: -Infinity, lastFlushAt: -Infinity, cancel: undefined, running: false, again: false, forgotten: false };
        states.set(key, state);
      }
      if (state.running) state.again = true;
      else if (state.cancel === undefined) schedule(key, state);
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
      for (const state of states.values()) if (state.running || state.cancel !== undefined) count += 1;
      return count;
    },
  };
}
