/**
 * Default look, at zero specificity (:where) so any site stylesheet wins. The entrance animation
 * is what makes live updates gentle; it is off for visitors who prefer reduced motion.
 */
const CSS = `
:where(recograph-recommendations){display:block}
:where(recograph-recommendations .rg-heading){font-size:1.25em;margin:0 0 .75em}
:where(recograph-recommendations .rg-list){list-style:none;margin:0;padding:0;display:grid;gap:1em;grid-template-columns:repeat(auto-fill,minmax(9em,1fr))}
:where(recograph-recommendations .rg-link){display:block;color:inherit}
:where(recograph-recommendations .rg-image){display:block;width:100%;height:auto;aspect-ratio:1;object-fit:cover;margin-bottom:.5em}
:where(recograph-recommendations .rg-price){margin:.25em 0 0;font-weight:600}
:where(recograph-recommendations .rg-item){transition:opacity .3s ease}
:where(recograph-recommendations .rg-enter){animation:rg-enter .45s ease-out}
@keyframes rg-enter{from{opacity:0;transform:translateY(.4em)}}
@media (prefers-reduced-motion:reduce){:where(recograph-recommendations .rg-item){transition:none;animation:none}}
`;

let installed = false;

export function installElementStyles(): void {
  if (installed) return;
  installed = true;
  try {
    // A constructed sheet is not an inline style: pages with a strict style-src CSP keep the defaults.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
    return;
  } catch {
    // older browsers: a <style> element
  }
  const style = document.createElement('style');
  style.dataset.recograph = '';
  style.textContent = CSS;
  document.head.prepend(style); // first, so the site's own rules come later and win ties
}
