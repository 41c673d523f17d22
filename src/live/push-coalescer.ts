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
  timer: ReturnType<typeof setTimeout> | undefined;
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
    state.timer = setTimeout(() => void run(key, state), Math.max(0, due - Date.now()));
  }

  async function run(key: K, state: KeyState): Promise<void> {
    state.timer = undefined;
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
        state = { lastPushAt: -Infinity, lastFlushAt: -Infinity, timer: undefined, running: false, again: false, forgotten: false };
        states.set(key, state);
      }
      if (state.running) state.again = true;
      else if (state.timer === undefined) schedule(key, state);
    },
    forget(key) {
      const state = states.get(key);
      if (!state) return;
      clearTimeout(state.timer);
      state.forgotten = true;
      states.delete(key);
    },
    busyCount() {
      let count = 0;
      for (const state of states.values()) if (state.running || state.timer !== undefined) count += 1;
      return count;
    },
  };
}
