import type { ErrorCode } from '../errors/error-catalogue.js';
import { joinField } from '../http/validate.js';
import type { KeyKind } from '../sites/site-keys.js';
import { eventSchema, type TrackedEvent } from './event-schema.js';
import { hashPayload } from './payload-hash.js';

export const TIMESTAMP_POLICY = {
  /** Client clocks run ahead; beyond this the timestamp is replaced by the time received. */
  futureToleranceMs: 5 * 60_000,
  /** Older events are a historic import, which only the secret key may do. */
  historicAfterMs: 24 * 60 * 60_000,
} as const;

export interface EventRejection {
  index: number;
  code: ErrorCode;
  field?: string;
  detail: string;
}

/** A valid event ready to store: `at` is the time it happened (defaulted or clamped), in epoch ms. */
export interface PreparedEvent {
  index: number;
  event: TrackedEvent;
  at: number;
  payloadHash: string;
}

export interface ValidationContext {
  keyKind: KeyKind;
  /** The time the request was received, epoch ms. */
  now: number;
  /** Prefix of the rejected fields: `events` gives `events/3/rating`. */
  fieldPrefix?: string;
}

/** Validates each event on its own, so that one bad event never sinks the others. */
export function validateEvents(
  rawEvents: readonly unknown[],
  context: ValidationContext,
): { prepared: PreparedEvent[]; rejected: EventRejection[] } {
  const prepared: PreparedEvent[] = [];
  const rejected: EventRejection[] = [];
  rawEvents.forEach((raw, index) => {
    const outcome = validateEvent(raw, index, context);
    if ('code' in outcome) rejected.push(outcome);
    else prepared.push(outcome);
  });
  return { prepared, rejected };
}

export function validateEvent(
  raw: unknown,
  index: number,
  context: ValidationContext,
): PreparedEvent | EventRejection {
  const prefix = joinField(context.fieldPrefix ?? 'events', [index]);
  const result = eventSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = joinField(prefix, issue.path);
    return { index, code: 'VALIDATION_FAILED', field, detail: `${field}: ${issue.message}` };
  }
  const event = result.data;
  const sent = event.timestamp;
  if (
    sent !== undefined &&
    sent < context.now - TIMESTAMP_POLICY.historicAfterMs &&
    context.keyKind !== 'secret'
  ) {
    const field = `${prefix}/timestamp`;
    return {
      index,
      code: 'HISTORIC_IMPORT_NEEDS_SECRET_KEY',
      field,
      detail: `${field}: events older than 24 hours are a historic import and need the secret key.`,
    };
  }
  const at =
    sent === undefined || sent > context.now + TIMESTAMP_POLICY.futureToleranceMs
      ? context.now
      : sent;
  return { index, event, at, payloadHash: hashPayload(event) };
}
