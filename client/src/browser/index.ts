/**
 * The browser SDK as an ES module (client/dist/recograph.mjs). Importing it touches no DOM;
 * `init` does. The same API is the global `Recograph` of the classic script.
 */
export { init } from './init.js';
export { whenReady, getDefaultInstance as instance } from './default-instance.js';
export { defineRecommendationsElement } from './recommendations-element.js';
export type { ItemRenderer, RenderHelpers } from './render-item.js';
export * from '../core/index.js';
