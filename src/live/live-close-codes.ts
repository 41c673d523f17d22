/**
 * Close codes the server sends (4000–4999, private use per RFC 6455). docs/api.md lists the same
 * table. Besides these, ws itself closes with 1009 when a message exceeds maxPayload, and a peer
 * that stops answering pings is terminated without a close frame (the client sees 1006).
 */
export const LIVE_CLOSE_CODES = {
  /** The instance is stopping; reconnect (to any instance) with backoff. */
  SHUTTING_DOWN: 4001,
  /** A binary frame: the protocol is JSON text messages only. */
  BAD_MESSAGE: 4400,
  /** The key was rotated or revoked while the connection was open. */
  KEY_REVOKED: 4401,
  /** The site no longer allows the connection's Origin. */
  ORIGIN_REVOKED: 4403,
  /** More messages than the rate limit allows. */
  RATE_LIMITED: 4429,
  /** More than maxBufferedBytes waiting to be sent: the client does not read fast enough. */
  SLOW_READER: 4503,
} as const;

export type LiveCloseCode = (typeof LIVE_CLOSE_CODES)[keyof typeof LIVE_CLOSE_CODES];
