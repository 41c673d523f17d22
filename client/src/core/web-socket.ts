/**
 * The part of a WHATWG WebSocket the live client uses: the browser's, React Native's and the `ws`
 * package's all fit. Handler parameters are `never` so that each implementation's own event types
 * are accepted.
 */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructorLike = new (url: string) => WebSocketLike;

/**
 * Close codes after which reconnecting cannot help (docs/api.md): the key is not valid (4001) or the
 * page's origin is not allowed for the site (4003).
 */
export const FATAL_CLOSE_CODES: ReadonlyMap<number, string> = new Map([
  [4001, 'UNAUTHENTICATED'],
  [4003, 'ORIGIN_NOT_ALLOWED'],
]);

/** `https://api.example/base` → `wss://api.example/base/v1/live?key=pk_…` */
export function buildLiveUrl(endpoint: string, siteKey: string): string {
  const base = endpoint.replace(/\/+$/, '').replace(/^http/i, 'ws');
  return `${base}/v1/live?key=${encodeURIComponent(siteKey)}`;
}
