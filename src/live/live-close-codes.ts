/**
 * Close codes the server sends (4000–4999, private use per RFC 6455). docs/api.md lists the same
 * table. 4001 and 4003 mean reconnecting cannot help (the SDK gives up on them); after the others a
 * client reconnects with backoff. Besides these, ws itself closes with 1009 when a message exceeds
 * maxPayload, and a peer that stops answering pings is terminated without a close frame (1006).
 */
export const LIVE_CLOSE_CODES = {
  /** The key was rotated or revoked while the connection was open. */
  KEY_NOT_VALID: 4001,
  /** The site no longer allows the connection's Origin. */
  ORIGIN_NOT_ALLOWED: 4003,
  /** A binary frame: the protocol is JSON text messages only. */
  BAD_MESSAGE: 4400,
  /** More than maxBufferedBytes waiting to be sent: the client does not read fast enough. */
  SLOW_READER: 4413,
  /** More messages than the rate limit allows. */
  RATE_LIMITED: 4429,
  /** The instance is stopping; reconnect (to any instance) with backoff. */
  SHUTTING_DOWN: 4503,
} as const;

export type LiveCloseCode = (typeof LIVE_CLOSE_CODES)[keyof typeof LIVE_CLOSE_CODES];
