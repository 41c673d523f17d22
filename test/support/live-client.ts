import { WebSocket, type ClientOptions } from 'ws';
import type { TestService } from './test-service.js';

export interface LiveTestClient {
  ws: WebSocket;
  /** Every message received, parsed. */
  messages: any[];
  /** When each message arrived (performance.now()). */
  receivedAt: Map<any, number>;
  send(message: unknown): void;
  /** The earliest message not yet taken matching the predicate (already received, or the next to come). Messages skipped by other predicates stay available: pushes of two subscriptions may arrive in either order. */
  next(predicate?: (message: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function liveUrl(service: TestService, key?: string): string {
  const base = service.baseUrl.replace(/^http/, 'ws');
  return `${base}/v1/live${key === undefined ? '' : `?key=${encodeURIComponent(key)}`}`;
}

/** A real `ws` client on the test service's live endpoint; resolves once the upgrade succeeded. */
export async function openLive(
  service: TestService,
  key: string,
  options: ClientOptions & { origin?: string } = {},
): Promise<LiveTestClient> {
  const ws = new WebSocket(liveUrl(service, key), { origin: 'https://shop.example', ...options });
  const messages: any[] = [];
  const receivedAt = new Map<any, number>();
  /** Messages already returned by `next`; a message that matched no predicate yet stays available. */
  const taken = new Set<number>();
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    receivedAt.set(message, performance.now());
    messages.push(message);
    for (const wake of waiters) wake();
  });
  let closedWith: { code: number; reason: string } | undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve((closedWith = { code, reason: reason.toString() }))),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused with ${response.statusCode}`)),
    );
  });
  return {
    ws,
    messages,
    receivedAt,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    close: () => ws.close(),
    next(predicate = () => true, timeoutMs = 20_000) {
      // generous: CI machines are loaded; bounds are asserted by the tests themselves
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let index = 0; index < messages.length; index += 1) {
            if (!taken.has(index) && predicate(messages[index])) {
              taken.add(index);
              waiters.delete(check);
              clearTimeout(timer);
              resolve(messages[index]);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          void describeService(service).then((state) =>
            reject(
              new Error(
                `no matching live message within ${timeoutMs} ms; not yet taken: ${JSON.stringify(messages.filter((_, index) => !taken.has(index)))}; ${closedWith ? `the socket closed with ${closedWith.code} ${closedWith.reason}` : 'the socket is open'}; ${state}`,
              ),
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/**
 * What the service was doing when a message did not come: its live queue and Neo4j's running
 * transactions (an intermittent CI failure once saw no list for 20 s and left no trace of why).
 */
async function describeService(service: TestService): Promise<string> {
  try {
    const live = service.recograph.live.stats();
    const transactions = await service.recograph.executor.runText(
      "SHOW TRANSACTIONS YIELD transactionId, currentQuery, status, elapsedTime WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN transactionId, left(currentQuery, 80) AS query, status, toString(elapsedTime) AS elapsed",
      {},
      { mode: 'read', timeoutMs: 5_000 },
    );
    return `live stats ${JSON.stringify(live)}; Neo4j transactions ${JSON.stringify(transactions.records.map((record) => record.toObject()))}`;
  } catch (error) {
    return `service state unavailable: ${String(error)}`;
  }
}

/** Attempts an upgrade that should be refused; returns the HTTP status and the problem document. */
export function refusedUpgrade(
  service: TestService,
  key: string | undefined,
  options: ClientOptions & { path?: string } = {},
): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const url = options.path
    ? `${service.baseUrl.replace(/^http/, 'ws')}${options.path}`
    : liveUrl(service, key);
  const ws = new WebSocket(url, options);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('error', () => undefined);
    ws.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: text ? JSON.parse(text) : undefined,
          headers: response.headers,
        }),
      );
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
