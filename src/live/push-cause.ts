import type { PushCause } from './live-messages.js';

/** When changes of several kinds fold into one push, the push names the one that matters most to the visitor. */
const PRECEDENCE: readonly PushCause[] = ['initial', 'catalog', 'user-event', 'item-change'];

export function pickCause(causes: Iterable<PushCause>): PushCause {
  let best = PRECEDENCE.length - 1;
  for (const cause of causes) best = Math.min(best, PRECEDENCE.indexOf(cause));
  return PRECEDENCE[best]!;
}
