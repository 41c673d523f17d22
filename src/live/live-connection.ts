import { WebSocket, type RawData } from 'ws';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { AuthenticatedSite } from '../sites/site-service.js';
import { LIVE_CLOSE_CODES, type LiveCloseCode } from './live-close-codes.js';
import {
  parseClientMessage,
  toErrorMessage,
  type ClientMessage,
  type ServerMessage,
  type TrackMessage,
} from './live-messages.js';
import type { LiveOptions } from './live-options.js';
import type { LiveIngestor } from './live-ports.js';
import type { LiveSubscriber, LiveSubscriptions } from './live-subscriptions.js';
import { createTokenBucket } from './token-bucket.js';

export interface LiveConnectionDeps {
  socket: WebSocket;
  site: AuthenticatedSite;
  /** The key the connection was opened with, checked again when the site's keys change. */
  key: string;
  origin: string | undefined;
  subscriptions: LiveSubscriptions;
  ingestor: LiveIngestor;
  options: LiveOptions;
  logger: Logger;
  onClose(connection: LiveConnection): void;
}

export interface LiveConnection extends LiveSubscriber {
  readonly site: AuthenticatedSite;
  readonly key: string;
  readonly origin: string | undefined;
  /** Called every ping interval: terminates a peer that did not answer the previous ping, pings the others. */
  checkHeartbeat(): void;
  close(code: LiveCloseCode, reason: string): void;
  readonly closed: Promise<void>;
}

/** One WebSocket: rate limit, message dispatch, heartbeat state and slow-reader cut-off. */
export function createLiveConnection(deps: LiveConnectionDeps): LiveConnection {
  const { socket, site, subscriptions, ingestor, options, logger } = deps;
  const bucket = createTokenBucket(options.messagesPerSecond, options.messageBurst);
  let alive = true;
  let closing = false;
  /** Answers to tracks and to bad messages leave in message order: clients match acks to tracks by order. */
  let replies: Promise<void> = Promise.resolve();
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const connection: LiveConnection = {
    site,
    key: deps.key,
    origin: deps.origin,
    closed,
    send(message: ServerMessage) {
      if (socket.readyState !== WebSocket.OPEN || closing) return;
      socket.send(JSON.stringify(message));
      if (socket.bufferedAmount > options.maxBufferedBytes) {
        logger.info(
          { siteId: site.id, bufferedBytes: socket.bufferedAmount },
          'live connection cut off: slow reader',
        );
        connection.close(
          LIVE_CLOSE_CODES.SLOW_READER,
          'slow reader: too much data waiting to be sent',
        );
      }
    },
    checkHeartbeat() {
      if (!alive) {
        logger.debug({ siteId: site.id }, 'live connection dropped: no pong');
        socket.terminate();
        return;
      }
      alive = false;
      if (socket.readyState === WebSocket.OPEN) socket.ping();
    },
    close(code, reason) {
      if (closing) return;
      closing = true;
      socket.close(code, reason);
      // A peer that neither reads nor answers the close frame is cut off rather than waited for.
      setTimeout(() => socket.terminate(), options.closeGraceMs).unref();
    },
  };

  socket.on('pong', () => {
    alive = true;
  });
  socket.on('message', (data: RawData, isBinary: boolean) => {
    alive = true;
    if (closing) return;
    if (!bucket.take()) {
      connection.close(
        LIVE_CLOSE_CODES.RATE_LIMITED,
        `more than ${options.messagesPerSecond} messages per second`,
      );
      return;
    }
    if (isBinary) {
      connection.close(
        LIVE_CLOSE_CODES.BAD_MESSAGE,
        'binary messages are not part of the protocol; send JSON text',
      );
      return;
    }
    const parsed = parseClientMessage(data.toString());
    if (parsed.ok) handle(parsed.message);
    else reply(Promise.resolve(parsed.error));
  });
  socket.on('error', (error) =>
    logger.debug({ err: error, siteId: site.id }, 'live connection error'),
  );
  socket.on('close', () => {
    closing = true;
    subscriptions.dropSubscriber(connection);
    deps.onClose(connection);
    resolveClosed();
  });

  function handle(message: ClientMessage): void {
    if (message.type === 'subscribe') {
      try {
        subscriptions.subscribe(site.id, connection, message);
      } catch (error) {
        connection.send(toErrorMessage(error, message.id));
      }
    } else if (message.type === 'unsubscribe') {
      subscriptions.unsubscribe(connection, message.id);
    } else {
      reply(track(message));
    }
  }

  function reply(answer: Promise<ServerMessage>): void {
    replies = replies.then(() => answer).then((message) => connection.send(message));
  }

  async function track(message: TrackMessage): Promise<ServerMessage> {
    try {
      const result = await ingestor.ingest(site, message.events, { source: 'live' });
      return {
        type: 'ack',
        ...(message.id !== undefined && { id: message.id }),
        accepted: result.accepted,
        duplicates: result.duplicates,
        rejected: result.rejected,
      };
    } catch (error) {
      if (!(error instanceof AppError))
        logger.error({ err: error, siteId: site.id }, 'live track failed');
      return toErrorMessage(error, message.id);
    }
  }

  return connection;
}
