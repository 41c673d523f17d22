import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-catalogue.js';
import { validate } from '../http/validate.js';
import type { IngestResult, RecommendedItem } from './live-ports.js';

/** A client-chosen id, echoed in answers: a string or an integer. */
const messageId = z.union([z.string().min(1).max(128), z.int()]);
const itemId = z.string().min(1).max(256);

export const subscribeMessage = z.object({
  type: z.literal('subscribe'),
  id: messageId,
  scenario: z.string().min(1).max(100),
  user: z.string().min(1).max(256),
  context: z.array(itemId).max(20).optional(),
  limit: z.int().min(1).max(100).optional(),
  exclude: z.array(itemId).max(100).optional(),
});

export const unsubscribeMessage = z.object({ type: z.literal('unsubscribe'), id: messageId });

/** Events are validated one by one by tracking, which reports each rejected index. */
export const trackMessage = z.object({
  type: z.literal('track'),
  id: messageId.optional(),
  events: z.array(z.unknown()).min(1).max(500),
});

export type MessageId = z.infer<typeof messageId>;
export type SubscribeMessage = z.infer<typeof subscribeMessage>;
export type UnsubscribeMessage = z.infer<typeof unsubscribeMessage>;
export type TrackMessage = z.infer<typeof trackMessage>;
export type ClientMessage = SubscribeMessage | UnsubscribeMessage | TrackMessage;

const SCHEMAS = {
  subscribe: subscribeMessage,
  unsubscribe: unsubscribeMessage,
  track: trackMessage,
} as const;

export type PushCause = 'initial' | 'user-event' | 'item-change' | 'catalog';

export interface RecommendationsMessage {
  type: 'recommendations';
  id: MessageId;
  recommendationId: string;
  scenario: string;
  items: RecommendedItem[];
  version: number;
  cause: PushCause;
}

export interface AckMessage extends IngestResult {
  type: 'ack';
  id?: MessageId;
}

export interface ErrorMessage {
  type: 'error';
  id?: MessageId;
  code: ErrorCode;
  detail: string;
  field?: string;
}

export type ServerMessage = RecommendationsMessage | AckMessage | ErrorMessage;

export type ParsedMessage =
  { ok: true; message: ClientMessage } | { ok: false; error: ErrorMessage };

/** Parses one text frame; a bad one becomes an error message naming the field (and the id, if readable). */
export function parseClientMessage(text: string): ParsedMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: {
        type: 'error',
        code: 'INVALID_JSON',
        detail: `The message is not valid JSON: ${(error as Error).message}`,
      },
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: toErrorMessage(
        new AppError('VALIDATION_FAILED', 'A message must be a JSON object with a "type".', {
          field: '',
        }),
      ),
    };
  }
  const candidate = raw as Record<string, unknown>;
  const id = messageId.safeParse(candidate.id).data;
  const type = candidate.type;
  if (typeof type !== 'string' || !Object.hasOwn(SCHEMAS, type)) {
    const given = JSON.stringify(type)?.slice(0, 40) ?? 'nothing';
    const detail = `type: expected one of ${Object.keys(SCHEMAS).join(', ')}, got ${given}`;
    return {
      ok: false,
      error: toErrorMessage(new AppError('VALIDATION_FAILED', detail, { field: 'type' }), id),
    };
  }
  try {
    return { ok: true, message: validate(SCHEMAS[type as keyof typeof SCHEMAS], candidate) };
  } catch (error) {
    return { ok: false, error: toErrorMessage(error, id) };
  }
}

/** AppErrors keep their code, detail and field; anything else is an opaque internal error. */
export function toErrorMessage(error: unknown, id?: MessageId): ErrorMessage {
  const message: ErrorMessage =
    error instanceof AppError
      ? {
          type: 'error',
          code: error.code,
          detail: error.detail,
          ...(error.field !== undefined && { field: error.field }),
        }
      : {
          type: 'error',
          code: 'INTERNAL_ERROR',
          detail: 'Something went wrong on our side; the error was logged.',
        };
  return id === undefined ? message : { ...message, id };
}
