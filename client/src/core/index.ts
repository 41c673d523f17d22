/**
 * The DOM-free core of the Recograph SDK: for React Native, Node and other runtimes. Browsers use
 * client/src/browser, which adds localStorage, beacons and the <recograph-recommendations> element.
 */
export { createRecograph, type LiveSubscription, type Recograph } from './recograph.js';
export { DEFAULT_OPTIONS, type RecographOptions } from './options.js';
export { createMemoryStorage, type KeyValueStorage } from './storage.js';
export { RecographError, type FetchLike, type RequestInitLike, type ResponseLike } from './http.js';
export { starsToRating } from './events.js';
export { computeBackoffDelay, type BackoffOptions } from './backoff.js';
export { createUuid } from './ids.js';
export {
  FATAL_CLOSE_CODES,
  type WebSocketConstructorLike,
  type WebSocketLike,
} from './web-socket.js';
export type * from './types.js';
