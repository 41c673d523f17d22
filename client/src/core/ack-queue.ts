import { RecographError } from './http.js';
import { setBackgroundTimeout } from './timers.js';
import type { EventsAnswer } from './types.js';

interface PendingAck {
  settled: boolean;
  settle(outcome: { answer: EventsAnswer } | { error: RecographError }): void;
}

export interface AckQueue {
  /** A promise for the ack of the `track` message about to be sent. */
  expect(): Promise<EventsAnswer>;
  resolveOldest(answer: EventsAnswer): void;
  rejectOldest(error: RecographError): void;
  rejectAll(error: RecographError): void;
}

/**
 * The live protocol's `ack` carries no request id, so acks are matched to `track` messages in the
 * order they were sent. A timed-out entry stays in line as a tombstone: a late ack then consumes it
 * instead of being credited to the next batch (which would lose that batch).
 */
export function createAckQueue(timeoutMs: number, onTimeout: () => void): AckQueue {
  let line: PendingAck[] = [];

  function takeOldest(): PendingAck | undefined {
    const pending = line.shift();
    return pending && !pending.settled ? pending : undefined;
  }

  return {
    expect() {
      return new Promise((resolve, reject) => {
        const pending: PendingAck = {
          settled: false,
          settle(outcome) {
            clearTimeout(timer);
            if (pending.settled) return;
            pending.settled = true;
            if ('answer' in outcome) resolve(outcome.answer);
            else reject(outcome.error);
          },
        };
        const timer = setBackgroundTimeout(() => {
          onTimeout();
          pending.settle({
            error: new RecographError(
              'LIVE_ACK_TIMEOUT',
              'No ack for events sent over the live connection',
            ),
          });
        }, timeoutMs);
        line.push(pending);
      });
    },
    resolveOldest: (answer) => takeOldest()?.settle({ answer }),
    rejectOldest: (error) => takeOldest()?.settle({ error }),
    rejectAll(error) {
      for (const pending of line) pending.settle({ error });
      line = [];
    },
  };
}
