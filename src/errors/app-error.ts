import type { ErrorCode } from './error-catalogue.js';

export interface AppErrorOptions {
  /** The offending input, as a JSON-pointer-like path: `events/3/rating`, `limit`. */
  field?: string;
  /** Seconds a client should wait before retrying (503, 429). */
  retryAfterSeconds?: number;
  cause?: unknown;
  /** Extra members for the problem document, e.g. `rejected` for an event batch. */
  extensions?: Record<string, unknown>;
}

/**
 * The one error type that crosses module boundaries. It carries a stable code, never an HTTP
 * status: the catalogue maps codes to statuses at the edge.
 */
export class AppError extends Error {
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: AppErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extensions = options.extensions;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
