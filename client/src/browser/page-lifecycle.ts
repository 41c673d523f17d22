import type { Recograph } from '../core/recograph.js';

/**
 * The last chance to send what is queued is when the page is hidden or left. `pagehide` is the
 * reliable unload signal; `visibilitychange` to hidden is the only one mobile Safari always fires
 * (the app switcher, a closed tab). sendBeacon survives the page; what it refuses stays queued in
 * localStorage for the next page. Going back online flushes at once.
 */
export function flushWhenPageHides(rg: Recograph): () => void {
  const sendBeacon = (url: string, body: string): boolean => {
    try {
      return navigator.sendBeacon(url, body); // a string body goes as text/plain: no CORS preflight
    } catch {
      return false;
    }
  };
  const onHide = () => {
    if (typeof navigator.sendBeacon === 'function') rg.flushWithBeacon(sendBeacon);
    else void rg.flush(); // keepalive fetch
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') onHide();
  };
  const onOnline = () => void rg.flush();
  addEventListener('pagehide', onHide);
  addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    removeEventListener('pagehide', onHide);
    removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  };
}
