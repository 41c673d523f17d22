import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';

/** Validates input against a schema; the first issue becomes a 400 naming the offending field. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fieldPrefix = '',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = joinField(fieldPrefix, issue.path);
  throw new AppError('VALIDATION_FAILED', `${field || 'body'}: ${issue.message}`, { field });
}

export function joinField(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter((part) => part !== '').join('/');
}
