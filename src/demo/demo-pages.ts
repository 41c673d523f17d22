import { DEMO_DEPARTMENTS, findDepartment, type DemoProduct } from './demo-catalog.js';

export interface DemoPageContext {
  publicKey: string | undefined;
  products: DemoProduct[];
}

const SHOP_NAME = 'Fjord & Field';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const formatPrice = (product: DemoProduct) => new Intl.NumberFormat('en-IE', { style: 'currency', currency: product.currency }).format(product.price);

function layout(context: DemoPageContext, title: string, main: string, pageScript: string): string {
  const sdk = context.publicKey
    ? `<script src="/sdk/recograph.js" data-site-key="${escapeHtml(context.publicKey)}"></script>`
    : '<p class="notice" role="status">The demo shop is still being stocked; reload in a few seconds.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${SHOP_NAME}</title>
<link rel="stylesheet" href="/demo/assets/demo.css">
<script src="/demo/assets/event-panel.js"></script>
${sdk}
</head>
<body>
<header class="masthead">
  <a class="brand" href="/demo">${SHOP_NAME}</a>
  <nav aria-label="Departments"><ul>${DEMO_DEPARTMENTS.map((d) => `<li><a href="/demo/category${d.path}">${escapeHtml(d.label)}</a></li>`).join('')}</ul></nav>
  <span class="who" data-demo-user></span>
</header>
<main id="main">${main}</main>
<aside class="event-panel" aria-label="Events sent to Recograph" data-event-panel>
  <h2>Live traffic <small>what this page sends and receives</small></h2>
  <ol aria-live="polite"></ol>
</aside>
<footer class="footer">A demo of <a href="https://github.com/recograph/recograph">Recograph</a>: recommendations computed in Neo4j, pushed live over WebSocket.</footer>
<script>${pageScript}</script>
</body>
</html>`;
}

function productCard(product: DemoProduct): string {
  return `<li class="card"><a href="${product.url}"><img src="${product.image}" alt="" width="240" height="240" loading="lazy"><span class="title">${escapeHtml(product.title)}</span><span class="price">${formatPrice(product)}</span></a></li>`;
}

export function renderHomePage(context: DemoPageContext): string {
  const featured = DEMO_DEPARTMENTS.map((d) => context.products.find((p) => p.categories[0] === d.path)!);
  return layout(
    context,
    'Home',
    `<section class="hero"><h1>Gear for slow mornings and long trails</h1><p>Browse a few products: the boxes below change while you look, without reloading.</p></section>
<section><h2>Recommended for you</h2><recograph-recommendations scenario="home" limit="8"></recograph-recommendations></section>
<section><h2>Popular this week</h2><recograph-recommendations scenario="demo-popular" limit="8"></recograph-recommendations></section>
<section><h2>One from every department</h2><ul class="grid">${featured.map(productCard).join('')}</ul></section>`,
    '',
  );
}

export function renderCategoryPage(context: DemoPageContext, path: string): string | undefined {
  const department = findDepartment(path);
  if (!department) return undefined;
  const products = context.products.filter((p) => p.categories.includes(path));
  return layout(
    context,
    department.label,
    `<h1>${escapeHtml(department.label)}</h1><ul class="grid">${products.map(productCard).join('')}</ul>
<section><h2>Popular in ${escapeHtml(department.label)}</h2><recograph-recommendations scenario="demo-popular" category="${escapeHtml(path)}" limit="6"></recograph-recommendations></section>`,
    '',
  );
}

export function renderProductPage(context: DemoPageContext, id: string): string | undefined {
  const product = context.products.find((p) => p.id === id);
  if (!product) return undefined;
  const department = findDepartment(product.categories[0]!)!;
  const item = JSON.stringify(product.id);
  return layout(
    context,
    product.title,
    `<nav class="crumbs" aria-label="Breadcrumb"><a href="/demo">Home</a> › <a href="/demo/category${department.path}">${escapeHtml(department.label)}</a></nav>
<article class="product">
  <img src="${product.image}" alt="${escapeHtml(product.title)}" width="420" height="420">
  <div>
    <h1>${escapeHtml(product.title)}</h1>
    <p class="price">${formatPrice(product)}</p>
    <p>By ${escapeHtml(product.attributes.brand)}, in ${escapeHtml(product.attributes.colour)}. Free returns within 30 days.</p>
    <p class="actions"><button type="button" data-action="basket">Add to basket</button> <button type="button" data-action="buy" class="secondary">Buy now</button></p>
  </div>
</article>
<section><h2>Customers also bought</h2><recograph-recommendations scenario="demo-also-bought" context="${escapeHtml(product.id)}" limit="6"></recograph-recommendations></section>
<section><h2>Recommended for you</h2><recograph-recommendations scenario="home" limit="6" data-box="personal"></recograph-recommendations></section>
<section><h2>Recently viewed</h2><recograph-recommendations scenario="demo-recently-viewed" limit="6"></recograph-recommendations></section>`,
    `window.Recograph && Recograph.whenReady().then(function (rg) {
  rg.track('view', { item: ${item} });
  document.querySelectorAll('[data-action]').forEach(function (button) {
    button.addEventListener('click', function () {
      var type = button.getAttribute('data-action');
      rg.track(type, type === 'buy' ? { item: ${item}, quantity: 1, price: ${product.price}, currency: 'EUR' } : { item: ${item}, quantity: 1 });
      button.textContent = type === 'buy' ? 'Thank you!' : 'In your basket';
    });
  });
});`,
  );
}

/** A product picture drawn from its department colour and initials: no image files to ship. */
export function renderProductImage(product: DemoProduct): string {
  const colour = findDepartment(product.categories[0]!)?.colour ?? '#555';
  const initials = product.title.split(' ').map((word) => word[0]).join('').slice(0, 2);
  const seed = Number(product.id.slice(-3));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" role="img" aria-label="${escapeHtml(product.title)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour}" stop-opacity="0.95"/><stop offset="1" stop-color="${colour}" stop-opacity="0.55"/></linearGradient></defs>
<rect width="240" height="240" fill="url(#g)"/>
<circle cx="${60 + (seed * 37) % 120}" cy="${50 + (seed * 53) % 90}" r="${40 + (seed % 5) * 8}" fill="#fff" fill-opacity="0.14"/>
<rect x="${30 + (seed * 13) % 80}" y="${120 + (seed * 7) % 50}" width="120" height="60" rx="14" fill="#fff" fill-opacity="0.12"/>
<text x="120" y="138" text-anchor="middle" font-family="Georgia, serif" font-size="64" fill="#fff">${escapeHtml(initials)}</text>
</svg>`;
}
