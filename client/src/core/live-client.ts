import { createAckQueue } from './ack-queue.js';
import { computeBackoffDelay, type BackoffOptions } from './backoff.js';
import { RecographError } from './http.js';
import { setBackgroundTimeout } from './timers.js';
import type { SocketTrackChannel } from './tracker.js';
import type { EventsAnswer, LiveRecommendation } from './types.js';
import {
  FATAL_CLOSE_CODES,
  type WebSocketConstructorLike,
  type WebSocketLike,
} from './web-socket.js';

export interface LiveClientOptions {
  url: string;
  WebSocket: WebSocketConstructorLike;
  backoff: BackoffOptions;
  random?: () => number;
  /** The socket closes this long after the last subscription ends (a re-render need not reconnect). */
  idleCloseMs?: number;
  /** A `track` sent over the socket without an `ack` in this time goes over HTTP instead. */
  ackTimeoutMs?: number;
  onError?: (error: RecographError) => void;
}

export interface LiveSubscribeParams {
  scenario: string;
  user: string;
  context?: string[];
  limit?: number;
  exclude?: string[];
}

export interface LiveHandlers {
  onRecommendations(recommendation: LiveRecommendation): void;
  onError?(error: RecographError): void;
}

export type LiveState = 'idle' | 'connecting' | 'open' | 'waiting' | 'failed' | 'closed';

export interface LiveClient {
  subscribe(params: LiveSubscribeParams, handlers: LiveHandlers): { close(): void };
  /** Tracking over the socket, only while it is open. */
  trackChannel(): SocketTrackChannel | undefined;
  state(): LiveState;
  close(): void;
}

/**
 * One WebSocket shared by every live subscription of a page. It opens on the first subscription,
 * reconnects with full-jitter backoff and resubscribes everything, and gives up only on the fatal
 * close codes (bad key, origin not allowed).
 */
export function createLiveClient(options: LiveClientOptions): LiveClient {
  const { random = Math.random, idleCloseMs = 10_000, ackTimeoutMs = 10_000 } = options;
  const subscriptions = new Map<
    string,
    { message: { type: 'subscribe'; id: string } & LiveSubscribeParams; handlers: LiveHandlers }
  >();
  let socketTracking = true;
  const acks = createAckQueue(ackTimeoutMs, () => {
    socketTracking = false; // this server does not ack tracks: use HTTP from now on
  });
  let socket: WebSocketLike | undefined;
  let state: LiveState = 'idle';
  let failure: RecographError | undefined;
  let attempt = 0;
  let nextId = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function connect(): void {
    state = 'connecting';
    let ws: WebSocketLike;
    try {
      ws = new options.WebSocket(options.url);
    } catch (error) {
      return fail(
        new RecographError('LIVE_UNAVAILABLE', `Cannot open ${options.url}`, undefined, error),
      );
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      state = 'open';
      for (const { message } of subscriptions.values()) send(message);
    };
    ws.onmessage = (event: { data: unknown }) => {
      if (socket === ws) receive(event.data);
    };
    ws.onclose = (event: { code: number }) => {
      if (socket !== ws) return;
      socket = undefined;
      acks.rejectAll(closedBeforeAck());
      afterClose(event.code);
    };
    ws.onerror = () => undefined; // a close event always follows
  }

  function afterClose(code: number): void {
    const fatal = FATAL_CLOSE_CODES.get(code);
    if (fatal)
      fail(new RecographError(fatal, `The live connection was refused (close code ${code})`));
    else if (subscriptions.size === 0) {
      state = 'idle';
    } else {
      state = 'waiting';
      reconnectTimer = setTimeout(connect, computeBackoffDelay(attempt++, options.backoff, random));
    }
  }

  function fail(error: RecographError): void {
    state = 'failed';
    failure = error;
    options.onError?.(error);
    for (const { handlers } of subscriptions.values()) handlers.onError?.(error);
  }

  function receive(data: unknown): void {
    let message: { type?: unknown; id?: unknown; code?: unknown; detail?: unknown };
    try {
      message = JSON.parse(String(data)) as typeof message;
    } catch {
      return;
    }
    attempt = 0; // the server talks to us: the next outage starts its backoff afresh
    const subscription = typeof message.id === 'string' ? subscriptions.get(message.id) : undefined;
    if (message.type === 'recommendations' && subscription) {
      const { type: _type, id: _id, ...list } = message;
      subscription.handlers.onRecommendations({
        scenario: subscription.message.scenario,
        ...list,
      } as LiveRecommendation);
    } else if (message.type === 'ack') {
      acks.resolveOldest(message as unknown as EventsAnswer);
    } else if (message.type === 'error') {
      const error = new RecographError(
        String(message.code ?? 'LIVE_ERROR'),
        String(message.detail ?? 'Live error'),
      );
      if (subscription) subscription.handlers.onError?.(error);
      else {
        // An error without a subscription id answers a `track`: its events go over HTTP instead.
        acks.rejectOldest(error);
        options.onError?.(error);
      }
    }
  }

  function send(message: object): void {
    try {
      socket?.send(JSON.stringify(message));
    } catch {
      // the socket is closing; its close event resubscribes later
    }
  }

  function unsubscribe(id: string): void {
    if (!subscriptions.delete(id)) return;
    if (state === 'open') send({ type: 'unsubscribe', id });
    if (subscriptions.size > 0 || state === 'closed') return;
    clearTimeout(reconnectTimer);
    if (state === 'waiting') state = 'idle';
    clearTimeout(idleTimer);
    idleTimer = setBackgroundTimeout(closeIdleSocket, idleCloseMs);
  }

  function closeIdleSocket(): void {
    if (subscriptions.size > 0 || !socket) return;
    const ws = socket;
    socket = undefined;
    state = 'idle';
    acks.rejectAll(closedBeforeAck());
    ws.close(1000, 'idle');
  }

  function sendTrack(events: unknown[]): Promise<EventsAnswer> {
    const answer = acks.expect();
    send({ type: 'track', events });
    return answer;
  }

  return {
    subscribe(params, handlers) {
      const id = `s${++nextId}`;
      const message = { type: 'subscribe' as const, id, ...params };
      subscriptions.set(id, { message, handlers });
      clearTimeout(idleTimer);
      if (state === 'open') send(message);
      else if (state === 'idle') connect();
      else if (state === 'failed' || state === 'closed') {
        const error = failure ?? new RecographError('LIVE_CLOSED', 'The live client was closed');
        void Promise.resolve().then(() => handlers.onError?.(error)); // after subscribe returns
      }
      return { close: () => unsubscribe(id) };
    },
    trackChannel: () => (state === 'open' && socketTracking ? { sendTrack } : undefined),
    state: () => state,
    close() {
      state = 'closed';
      clearTimeout(reconnectTimer);
      clearTimeout(idleTimer);
      subscriptions.clear();
      acks.rejectAll(closedBeforeAck());
      const ws = socket;
      socket = undefined;
      ws?.close(1000, 'closed');
    },
  };
}

function closedBeforeAck(): RecographError {
  return new RecographError('LIVE_CLOSED', 'The live connection closed before the ack');
}
