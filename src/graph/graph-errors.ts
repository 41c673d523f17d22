import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors/app-error.js';

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** Turns a driver error into the service's typed error, so callers never see driver internals. */
export function translateGraphError(error: unknown, queryName: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(error.code) || isConnectionFailure(error)) {
      return new AppError(
        'NEO4J_UNAVAILABLE',
        'The graph database is unavailable; retry shortly.',
        {
          retryAfterSeconds: 2,
          cause: error,
        },
      );
    }
    if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
      return new AppError(
        'GRAPH_QUERY_TIMEOUT',
        `Query ${queryName} took too long; retry shortly.`,
        { retryAfterSeconds: 1, cause: error },
      );
    }
    if (error.retryable) {
      return new AppError('NEO4J_UNAVAILABLE', 'The graph database is busy; retry shortly.', {
        retryAfterSeconds: 1,
        cause: error,
      });
    }
  }
  if (
    error instanceof Neo4jError &&
    error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed'
  ) {
    return new AppError('GRAPH_QUERY_FAILED', `Query ${queryName} broke a uniqueness constraint.`, {
      cause: error,
      extensions: { constraint: true },
    });
  }
  return new AppError('GRAPH_QUERY_FAILED', `Query ${queryName} failed.`, { cause: error });
}

function isConnectionFailure(error: Neo4jError): boolean {
  return (
    /connect|ECONNREFUSED|socket|closed|Pool/i.test(error.message) &&
    error.code !== 'Neo.ClientError.Statement.SyntaxError'
  );
}
