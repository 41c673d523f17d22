import { DEMO_DEPARTMENTS, type DemoProduct } from './demo-catalog.js';

export interface DemoPageContext {
  /** Undefined while the shop is being stocked. */
  publicKey: string | undefined;
  products: DemoProduct[];
}

export const SHOP_NAME = 'Fjord & Field';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const priceFormat = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });
export const formatPrice = (product: DemoProduct) => priceFormat.format(product.price);

/** A product tile; the recommendation boxes render theirs the same way (client/demo/shop.js). */
export function productCard(product: DemoProduct): string {
  return `<li class="card"><a href="${product.url}"><img src="${product.image}" alt="" width="240" height="240" loading="lazy"><span class="title">${escapeHtml(product.title)}</span></a><span class="brand">${escapeHtml(product.attributes.brand)}</span><span class="price">${formatPrice(product)}</span></li>`;
}

/**
 * A live recommendation box: the SDK's custom element with a heading that shows only once the
 * list has items (an empty box stays out of the way).
 */
export function recommendationBox(options: {
  box: string;
  heading: string;
  scenario: string;
  limit: number;
  context?: string;
}): string {
  const context = options.context ? ` context="${escapeHtml(options.context)}"` : '';
  return `<recograph-recommendations class="shelf" data-box="${options.box}" heading="${escapeHtml(options.heading)}" scenario="${options.scenario}" limit="${options.limit}"${context}></recograph-recommendations>`;
}

/** The page frame: masthead, departments, the traffic panel, and the SDK once the shop is stocked. */
export function renderLayout(context: DemoPageContext, title: string, main: string): string {
  const sdk = context.publicKey
    ? `<script src="/sdk/recograph.js" data-site-key="${escapeHtml(context.publicKey)}"></script>`
    : '<meta http-equiv="refresh" content="5">';
  const stocking = context.publicKey
    ? ''
    : '<p class="notice" role="status">We are stocking the shelves: this page reloads by itself in a few seconds.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${SHOP_NAME}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo/assets/demo.css">
<script src="/demo/assets/event-panel.js"></script>
${sdk}
</head>
<body>
<header class="masthead">
  <div class="bar">
    <a class="brand" href="/demo">${SHOP_NAME}</a>
    <span class="promise">Free delivery over €50 · 30-day returns</span>
    <span class="basket">Basket <span class="count" data-basket-count>0</span></span>
  </div>
  <nav aria-label="Departments"><ul>${DEMO_DEPARTMENTS.map((d) => `<li><a href="/demo/category${d.path}">${escapeHtml(d.label)}</a></li>`).join('')}</ul></nav>
</header>
${stocking}
<main id="main">${main}</main>
<footer class="footer">
  <p data-visitor-line hidden><span class="visitor" data-visitor></span> <button type="button" class="link" data-new-visitor>Start again as a new visitor</button></p>
  <p>${SHOP_NAME} is a demo of <a href="https://github.com/recograph/recograph">Recograph</a>: recommendations computed in Neo4j and pushed to this page over a WebSocket. The products and shoppers are made up.</p>
</footer>
<aside class="event-panel" aria-label="What this page sends to Recograph" data-event-panel>
  <h2>Live traffic <small>events this page sends, lists Recograph pushes</small></h2>
  <ol aria-live="polite"></ol>
</aside>
<script src="/demo/assets/shop.js"></script>
</body>
</html>`;
}
