import type { RecographOptions } from '../core/options.js';
import { createRecograph, type Recograph } from '../core/recograph.js';
import { createBrowserStorage } from './browser-storage.js';
import { offerDefaultInstance } from './default-instance.js';
import { flushWhenPageHides } from './page-lifecycle.js';
import { defineRecommendationsElement } from './recommendations-element.js';

const instances = new Map<string, Recograph>();

/**
 * The browser entry point: the core with localStorage, a sendBeacon flush when the page hides, and
 * the <recograph-recommendations> element. Calling it again for the same endpoint and key returns
 * the same instance (the script tag's auto-init and the page's own call share one socket and queue).
 */
export function init(options: RecographOptions): Recograph {
  const id = `${String(options?.endpoint).replace(/\/+$/, '')}|${options?.siteKey}`;
  const existing = instances.get(id);
  if (existing) return existing;
  const rg = createRecograph({ ...options, storage: options.storage ?? createBrowserStorage() });
  instances.set(id, rg);
  flushWhenPageHides(rg);
  offerDefaultInstance(rg);
  defineRecommendationsElement();
  return rg;
}
