import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ChangeBus } from '../changes/change-bus.js';
import { AppError } from '../errors/app-error.js';
import { toProblem } from '../http/problem-middleware.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { authenticateSite, readBearer } from '../sites/authenticate.js';
import {
  isOriginAllowed,
  type AuthenticatedSite,
  type SiteService,
} from '../sites/site-service.js';
import { LIVE_CLOSE_CODES } from './live-close-codes.js';
import { createLiveConnection, type LiveConnection } from './live-connection.js';
import { createLiveMetrics, type LiveStats } from './live-metrics.js';
import { resolveLiveOptions, type LiveOptions } from './live-options.js';
import type { LiveIngestor, LiveRecommender } from './live-ports.js';
import { createLiveSubscriptions } from './live-subscriptions.js';
import type { UserResolver } from './user-resolver.js';

export interface LiveServerDeps {
  sites: SiteService;
  changes: ChangeBus;
  recommender: LiveRecommender;
  ingestor: LiveIngestor;
  logger: Logger;
  resolveUsers?: UserResolver;
  metrics?: Metrics;
  options?: Partial<LiveOptions>;
  /** A subscription got its first list (the statistics count it). */
  onFirstList?(siteId: string, scenario: string): void;
}

export interface LiveServer {
  /** Handles `GET /v1/live` upgrades on the shared HTTP server. */
  attach(server: Server): void;
  /** Closes every connection with 4503 (shutting down) and stops; resolves when they are gone. Idempotent. */
  close(): Promise<void>;
  stats(): LiveStats;
}

/**
 * The live protocol endpoint. Authentication happens in the HTTP upgrade handler, before any
 * WebSocket exists: a bad key gets 401, a foreign origin 403, and the socket is destroyed.
 */
export function createLiveServer(deps: LiveServerDeps): LiveServer {
  const { sites, logger } = deps;
  const options = resolveLiveOptions(deps.options);
  const liveMetrics = deps.metrics && createLiveMetrics(deps.metrics, () => stats());
  const subscriptions = createLiveSubscriptions({
    recommender: deps.recommender,
    changes: deps.changes,
    options,
    logger,
    resolveUsers: deps.resolveUsers,
    onPush: liveMetrics?.countPush,
    onFirstList: deps.onFirstList,
    onRecompute: liveMetrics?.observeRecompute,
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const bySite = new Map<string, Set<LiveConnection>>();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closing: Promise<void> | undefined;
  const stopListening = deps.changes.subscribe((change) => {
    if (change.kind === 'site-keys') void recheckKeys(change.siteId);
  });

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => logger.debug({ err: error }, 'live upgrade socket error'));
    const url = new URL(request.url ?? '/', 'http://upgrade.invalid');
    if (url.pathname !== options.path)
      return refuse(
        socket,
        new AppError('NOT_FOUND', `No WebSocket endpoint at ${url.pathname}; use ${options.path}.`),
      );
    void authorize(request, url)
      .then((site) => {
        if (socket.destroyed) return;
        wss.handleUpgrade(request, socket, head, (ws) => {
          const key = (readBearer(headerReader(request)) ?? url.searchParams.get('key'))!;
          const connection = createLiveConnection({
            socket: ws,
            site,
            key,
            origin: request.headers.origin,
            subscriptions,
            ingestor: deps.ingestor,
            options,
            logger,
            onClose: forget,
          });
          let connections = bySite.get(site.id);
          if (!connections) bySite.set(site.id, (connections = new Set()));
          connections.add(connection);
        });
      })
      .catch((error: unknown) => refuse(socket, error));
  }

  async function authorize(request: IncomingMessage, url: URL): Promise<AuthenticatedSite> {
    if (closing)
      throw new AppError(
        'NOT_READY',
        'The server is shutting down; reconnect to another instance.',
        { retryAfterSeconds: 1 },
      );
    const input = {
      bearer: readBearer(headerReader(request)),
      queryKey: url.searchParams.get('key') ?? undefined,
      origin: request.headers.origin,
    };
    const site = await authenticateSite(sites, input, { requires: 'public', allowQueryKey: true });
    if (site.keyKind !== 'public') {
      throw new AppError(
        'FORBIDDEN',
        'Open live connections with the public key (pk_…): a secret key must never reach a browser.',
        { field: 'key' },
      );
    }
    if ((bySite.get(site.id)?.size ?? 0) >= options.maxConnectionsPerSite) {
      throw new AppError(
        'LIVE_CONNECTION_LIMIT',
        `The site has ${options.maxConnectionsPerSite} open live connections on this instance; retry later.`,
        { retryAfterSeconds: 5 },
      );
    }
    return site;
  }

  /** Answers the upgrade request with a problem document and destroys the socket. */
  function refuse(socket: Duplex, error: unknown): void {
    const problem = toProblem(error);
    if (problem.status >= 500)
      logger.warn({ err: error, code: problem.code }, 'live upgrade refused');
    if (!socket.writable) return void socket.destroy();
    const body = JSON.stringify(problem);
    const retryAfter = error instanceof AppError ? error.retryAfterSeconds : undefined;
    const head = [
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`,
      'Connection: close',
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...(retryAfter === undefined ? [] : [`Retry-After: ${retryAfter}`]),
    ];
    socket.once('finish', () => socket.destroy());
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  }

  function forget(connection: LiveConnection): void {
    const connections = bySite.get(connection.site.id);
    connections?.delete(connection);
    if (connections?.size === 0) bySite.delete(connection.site.id);
  }

  /** After a rotation or an origin change, connections opened with a dead key or a dropped origin are closed. */
  async function recheckKeys(siteId: string): Promise<void> {
    const byKey = new Map<string, LiveConnection[]>();
    for (const connection of bySite.get(siteId) ?? [])
      byKey.set(connection.key, [...(byKey.get(connection.key) ?? []), connection]);
    for (const [key, group] of byKey) {
      try {
        const site = await sites.authenticate(key);
        for (const connection of group) {
          if (!site || site.id !== siteId)
            connection.close(LIVE_CLOSE_CODES.KEY_NOT_VALID, 'the key was rotated or revoked');
          else if (!isOriginAllowed(site, connection.origin))
            connection.close(
              LIVE_CLOSE_CODES.ORIGIN_NOT_ALLOWED,
              'the origin is no longer allowed',
            );
        }
      } catch (error) {
        logger.warn({ err: error, siteId }, 'could not re-check live connection keys');
      }
    }
  }

  function allConnections(): LiveConnection[] {
    return [...bySite.values()].flatMap((connections) => [...connections]);
  }

  return {
    attach(server) {
      server.on('upgrade', onUpgrade);
      heartbeat ??= setInterval(() => {
        for (const connection of allConnections()) connection.checkHeartbeat();
      }, options.pingIntervalMs).unref();
    },
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat); // the upgrade handler stays: from now on it answers 503 NOT_READY
        stopListening();
        subscriptions.close();
        const connections = allConnections();
        for (const connection of connections)
          connection.close(LIVE_CLOSE_CODES.SHUTTING_DOWN, 'server shutting down');
        await Promise.all(connections.map((connection) => connection.closed));
        wss.close();
      })();
      return closing;
    },
    stats,
  };

  function stats(): LiveStats {
    const { subscriptions: count, recomputes } = subscriptions.stats();
    let connections = 0;
    for (const site of bySite.values()) connections += site.size;
    return { connections, subscriptions: count, recomputes };
  }
}

function headerReader(request: IncomingMessage) {
  return { get: (field: string) => String(request.headers[field.toLowerCase()] ?? '') };
}
