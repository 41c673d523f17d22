import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-catalogue.js';
import type { IngestResult } from './event-ingestor.js';

export const EVENT_BATCH_LIMITS = {
  /** SPEC section 4: 1–500 events in at most 512 KiB. */
  bodyBytes: 512 * 1024,
  events: 500,
} as const;

/** The events of a `{ "events": [ … ] }` body; anything else is a wholly invalid body. */
export function readEventBatch(body: unknown): unknown[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('VALIDATION_FAILED', 'The body must be an object { "events": [ … ] }.', {
      field: '',
    });
  }
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events))
    throw new AppError('VALIDATION_FAILED', 'events: expected an array of events.', {
      field: 'events',
    });
  if (events.length === 0)
    throw new AppError('VALIDATION_FAILED', 'events: send at least one event.', {
      field: 'events',
    });
  if (events.length > EVENT_BATCH_LIMITS.events) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `events: at most ${EVENT_BATCH_LIMITS.events} events per request, got ${events.length}.`,
      { field: 'events' },
    );
  }
  return events;
}

/**
 * A batch where some event was stored (or already was) answers 200 with the rejected ones listed.
 * When every event was rejected nothing happened, so the answer is an error: the rejections' common
 * code (409 EVENT_ID_REUSED for a reused id, …) or VALIDATION_FAILED, still listing each rejection.
 */
export function assertSomethingAccepted(result: IngestResult): void {
  if (result.accepted + result.duplicates > 0 || result.rejected.length === 0) return;
  const first = result.rejected[0]!;
  const codes = new Set(result.rejected.map((rejection) => rejection.code));
  const code = (codes.size === 1 ? first.code : 'VALIDATION_FAILED') as ErrorCode;
  const detail =
    result.rejected.length === 1
      ? first.detail
      : `No event was stored: all ${result.rejected.length} were rejected; the first: ${first.detail}`;
  throw new AppError(code, detail, {
    ...(first.field === undefined ? {} : { field: first.field }),
    extensions: { ...result },
  });
}
