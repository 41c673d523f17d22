import type { Recograph } from '../core/recograph.js';

let defaultInstance: Recograph | undefined;
const waiting: Array<(rg: Recograph) => void> = [];

/** The first instance a page creates serves every <recograph-recommendations> without a `client`. */
export function offerDefaultInstance(rg: Recograph): void {
  if (defaultInstance) return;
  defaultInstance = rg;
  waiting.splice(0).forEach((resolve) => resolve(rg));
}

export function getDefaultInstance(): Recograph | undefined {
  return defaultInstance;
}

/** Resolves with the default instance as soon as the page has one (auto-init or `Recograph.init`). */
export function whenReady(): Promise<Recograph> {
  return defaultInstance
    ? Promise.resolve(defaultInstance)
    : new Promise((resolve) => waiting.push(resolve));
}
