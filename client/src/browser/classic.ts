import * as Recograph from './index.js';

/**
 * The classic script served at /sdk/recograph.js: defines the global `Recograph` and, when its tag
 * says so, starts at once:
 *   <script src="https://reco.example.com/sdk/recograph.js" data-site-key="pk_…" defer></script>
 * The endpoint defaults to the origin the script came from (`data-endpoint` overrides it).
 */
const script = document.currentScript as HTMLScriptElement | null;
(globalThis as { Recograph?: typeof Recograph }).Recograph = Recograph;

const siteKey = script?.dataset.siteKey;
if (siteKey) {
  const endpoint =
    script.dataset.endpoint ??
    (script.src ? new URL(script.src, location.href).origin : location.origin);
  Recograph.init({ endpoint, siteKey });
}
