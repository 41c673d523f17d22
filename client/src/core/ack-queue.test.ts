import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAckQueue } from './ack-queue.js';
import { RecographError } from './http.js';

const ack = (accepted: number) => ({ accepted, duplicates: 0, rejected: [] });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createAckQueue', () => {
  it('matches acks to tracks in the order they were sent', async () => {
    const queue = createAckQueue(1000, () => undefined);
    const first = queue.expect();
    const second = queue.expect();
    queue.resolveOldest(ack(1));
    queue.resolveOldest(ack(2));
    await expect(first).resolves.toEqual(ack(1));
    await expect(second).resolves.toEqual(ack(2));
  });

  it('does not credit a late ack to the next batch after a timeout', async () => {
    const timedOut = vi.fn();
    const queue = createAckQueue(1000, timedOut);
    const late = queue.expect();
    const rejection = expect(late).rejects.toMatchObject({ code: 'LIVE_ACK_TIMEOUT' });
    await vi.advanceTimersByTimeAsync(1000);
    await rejection;
    expect(timedOut).toHaveBeenCalledOnce();

    const next = queue.expect();
    queue.resolveOldest(ack(1)); // the late ack of the first batch
    let settled = false;
    void next.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    queue.resolveOldest(ack(2));
    await expect(next).resolves.toEqual(ack(2));
  });

  it('rejects the oldest track on an error and every track when the socket closes', async () => {
    const queue = createAckQueue(1000, () => undefined);
    const first = queue.expect();
    const second = queue.expect();
    queue.rejectOldest(new RecographError('RATE_LIMITED', 'slow down'));
    queue.rejectAll(new RecographError('LIVE_CLOSED', 'closed'));
    await expect(first).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(second).rejects.toMatchObject({ code: 'LIVE_CLOSED' });
  });
});
