import type { Context, Next } from 'koa';
import { AppError } from '../errors/app-error.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/error-catalogue.js';
import type { Logger } from '../logging/logger.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  field?: string;
  requestId?: string;
  [extension: string]: unknown;
}

/**
 * The first middleware: turns every thrown error into `application/problem+json` with a stable
 * code. AppErrors say what went wrong; anything else is a 500 whose internals are only logged.
 */
export function createProblemMiddleware(logger: Logger) {
  return async function problemMiddleware(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined)
        throw new AppError('NOT_FOUND', `No route for ${ctx.method} ${ctx.path}.`);
      if (ctx.status === 405 && ctx.body === undefined)
        throw new AppError('METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}.`);
    } catch (error) {
      const problem = toProblem(error, ctx.state.requestId as string | undefined);
      if (problem.status >= 500 && problem.status !== 503)
        logger.error(
          { err: error, requestId: ctx.state.requestId, path: ctx.path },
          'request failed',
        );
      else if (problem.status === 503)
        logger.warn(
          { code: problem.code, requestId: ctx.state.requestId, path: ctx.path },
          'request refused: unavailable',
        );
      else
        logger.debug(
          { code: problem.code, field: problem.field, requestId: ctx.state.requestId },
          'request rejected',
        );
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = problem;
      if (error instanceof AppError && error.retryAfterSeconds !== undefined)
        ctx.set('Retry-After', String(error.retryAfterSeconds));
      if (problem.status === 405 && ctx.response.get('Allow') === '') ctx.remove('Allow');
    }
  };
}

export function toProblem(error: unknown, requestId?: string): ProblemDocument {
  const appError = normaliseError(error);
  const { status, title } = ERROR_CATALOGUE[appError.code];
  return {
    ...appError.extensions,
    type: `https://recograph.dev/problems/${appError.code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code: appError.code,
    detail: appError.detail,
    ...(appError.field === undefined ? {} : { field: appError.field }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

/** Errors from Koa's own machinery (body too large, bad JSON) carry `status` and `expose`. */
function normaliseError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status?: number }).status;
  const expose = (error as { expose?: boolean }).expose === true;
  if (status === 413)
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      expose ? (error as Error).message : 'The body is too large.',
    );
  if (status === 415)
    return new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as application/json (or text/plain holding JSON).',
    );
  if (status === 400 && expose) return new AppError('VALIDATION_FAILED', (error as Error).message);
  return new AppError(
    'INTERNAL_ERROR',
    'Something went wrong on our side; the error was logged with the request id.',
  );
}
