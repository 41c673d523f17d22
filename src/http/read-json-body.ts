import type { Context } from 'koa';
import { AppError } from '../errors/app-error.js';

export interface ReadJsonBodyOptions {
  limitBytes: number;
  /** sendBeacon can only send text/plain; routes fed by browsers accept JSON in it. */
  allowTextPlain?: boolean;
}

/** A streamed body up to this many times the limit is read to its end (and dropped) before the 413. */
const DRAIN_FACTOR = 4;

/** Reads and parses a JSON body, refusing oversized bodies before buffering them. */
export async function readJsonBody(ctx: Context, options: ReadJsonBodyOptions): Promise<unknown> {
  const type = ctx.request.type;
  const acceptable =
    type === 'application/json' ||
    type.endsWith('+json') ||
    (options.allowTextPlain === true && type === 'text/plain');
  if (!acceptable) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the body as application/json${options.allowTextPlain ? ' (or text/plain holding JSON)' : ''}; got "${type || 'no content type'}".`,
    );
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > options.limitBytes) throw tooLarge(options.limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= options.limitBytes) chunks.push(chunk);
    else if (size > options.limitBytes * DRAIN_FACTOR) {
      ctx.req.destroy(); // far too large: stop reading at once rather than answer politely
      throw tooLarge(options.limitBytes);
    }
    // Between the two: discard the rest so the client (which may still be sending) reads the 413.
  }
  if (size > options.limitBytes) throw tooLarge(options.limitBytes);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    throw new AppError('VALIDATION_FAILED', 'The body is empty; send a JSON object.', {
      field: '',
    });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('INVALID_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limitBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The body exceeds ${Math.round(limitBytes / 1024)} KiB.`,
    { field: '' },
  );
}
