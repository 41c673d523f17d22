import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { toProblem } from './problem-middleware.js';

describe('toProblem', () => {
  it('maps an AppError through the catalogue and keeps the field', () => {
    const problem = toProblem(
      new AppError('VALIDATION_FAILED', 'limit must be at most 100', { field: 'limit' }),
      'req-1',
    );
    expect(problem).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'limit',
      requestId: 'req-1',
      detail: 'limit must be at most 100',
    });
  });

  it('never leaks the message of an unexpected error', () => {
    const problem = toProblem(new Error('password=hunter2 at db.example:7687'));
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('turns a too-large body from the body reader into PAYLOAD_TOO_LARGE', () => {
    const error = Object.assign(new Error('request entity too large'), {
      status: 413,
      expose: true,
    });
    expect(toProblem(error)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});
