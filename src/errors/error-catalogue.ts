/**
 * Every stable error code the service answers with, its HTTP status and title.
 * docs/api.md lists the same codes; test/unit keeps the two in step.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  INVALID_JSON: { status: 400, title: 'The body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The body must be JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The body or batch is too large' },
  UNAUTHENTICATED: { status: 401, title: 'A valid key is required' },
  FORBIDDEN: { status: 403, title: 'This key may not do that' },
  ORIGIN_NOT_ALLOWED: { status: 403, title: 'This origin is not allowed for the site' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  SITE_NOT_FOUND: { status: 404, title: 'No such site' },
  ITEM_NOT_FOUND: { status: 404, title: 'No such item' },
  SCENARIO_NOT_FOUND: { status: 404, title: 'No such scenario' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  HISTORIC_IMPORT_NEEDS_SECRET_KEY: {
    status: 403,
    title: 'Events older than 24 hours need the secret key',
  },
  EVENT_ID_REUSED: { status: 409, title: 'The event id was already used with another payload' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  TOO_MANY_SUBSCRIPTIONS: { status: 429, title: 'Too many live subscriptions on this connection' },
  LIVE_CONNECTION_LIMIT: { status: 503, title: 'Too many live connections for this site' },
  NEO4J_UNAVAILABLE: { status: 503, title: 'The graph database is unavailable' },
  GRAPH_QUERY_TIMEOUT: { status: 503, title: 'The graph database did not answer in time' },
  NOT_READY: { status: 503, title: 'The service is not ready' },
  GRAPH_QUERY_FAILED: { status: 500, title: 'A graph query failed' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function describeErrorCode(code: ErrorCode): { status: number; title: string } {
  return ERROR_CATALOGUE[code];
}
