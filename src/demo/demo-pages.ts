import { DEMO_DEPARTMENTS, findDepartment, type DemoProduct } from './demo-catalog.js';
import {
  escapeHtml,
  formatPrice,
  productCard,
  recommendationBox,
  renderLayout,
  type DemoPageContext,
} from './demo-layout.js';

export { escapeHtml, type DemoPageContext } from './demo-layout.js';

export function renderHomePage(context: DemoPageContext): string {
  const featured = DEMO_DEPARTMENTS.map((d) =>
    context.products.find((p) => p.categories[0] === d.path)!,
  );
  return renderLayout(
    context,
    'Home',
    `<section class="hero">
  <h1>Gear for slow mornings and long trails</h1>
  <p>Open a few products: the shelves below rearrange themselves for you while you look, without reloading.</p>
  <a class="cta" href="${featured[2]!.url}">Start with the coffee</a>
</section>
${recommendationBox({ box: 'personal', heading: 'Recommended for you', scenario: 'home', limit: 6 })}
${recommendationBox({ box: 'popular', heading: 'Popular this week', scenario: 'demo-popular', limit: 6 })}
<section class="shelf"><h2>One from every department</h2><ul class="grid">${featured.map(productCard).join('')}</ul></section>`,
  );
}

export function renderCategoryPage(context: DemoPageContext, path: string): string | undefined {
  const department = findDepartment(path);
  if (!department) return undefined;
  const products = context.products.filter((p) => p.categories.includes(path));
  return renderLayout(
    context,
    department.label,
    `<nav class="crumbs" aria-label="Breadcrumb"><a href="/demo">Home</a> › ${escapeHtml(department.label)}</nav>
<h1>${escapeHtml(department.label)} <small>${products.length} products</small></h1>
<ul class="grid">${products.map(productCard).join('')}</ul>
${recommendationBox({ box: 'personal', heading: 'Recommended for you', scenario: 'home', limit: 6 })}`,
  );
}

export function renderProductPage(context: DemoPageContext, id: string): string | undefined {
  const product = context.products.find((p) => p.id === id);
  if (!product) return undefined;
  const department = findDepartment(product.categories[0]!)!;
  return renderLayout(
    context,
    product.title,
    `<nav class="crumbs" aria-label="Breadcrumb"><a href="/demo">Home</a> › <a href="/demo/category${department.path}">${escapeHtml(department.label)}</a> › ${escapeHtml(product.title)}</nav>
<article class="product" data-product="${escapeHtml(product.id)}" data-price="${product.price}" data-currency="${product.currency}">
  <img src="${product.image}" alt="${escapeHtml(product.title)}" width="420" height="420">
  <div class="details">
    <p class="brand">${escapeHtml(product.attributes.brand)}</p>
    <h1>${escapeHtml(product.title)}</h1>
    <p class="price">${formatPrice(product)}</p>
    <p>${escapeHtml(department.blurb)}</p>
    <dl class="facts"><dt>Colour</dt><dd>${escapeHtml(product.attributes.colour)}</dd><dt>Delivery</dt><dd>In stock, ships in 1–2 working days</dd><dt>Article</dt><dd>${escapeHtml(product.id)}</dd></dl>
    <p class="actions"><button type="button" data-action="basket">Add to basket</button> <button type="button" data-action="buy" class="secondary">Buy now</button></p>
    <p class="status" role="status" data-action-status></p>
  </div>
</article>
${recommendationBox({ box: 'also-bought', heading: 'Customers also bought', scenario: 'demo-also-bought', limit: 6, context: product.id })}
${recommendationBox({ box: 'personal', heading: 'Recommended for you', scenario: 'home', limit: 6 })}
${recommendationBox({ box: 'recently-viewed', heading: 'Recently viewed', scenario: 'demo-recently-viewed', limit: 6, context: product.id })}`,
  );
}

/** A product picture drawn from its department colour and initials: no image files to ship. */
export function renderProductImage(product: DemoProduct): string {
  const colour = findDepartment(product.categories[0]!)?.colour ?? '#555';
  const initials = product.title
    .split(' ')
    .map((word) => word[0])
    .join('')
    .slice(0, 2);
  const seed = Number(product.id.slice(-3));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" role="img" aria-label="${escapeHtml(product.title)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour}" stop-opacity="0.95"/><stop offset="1" stop-color="${colour}" stop-opacity="0.55"/></linearGradient></defs>
<rect width="240" height="240" fill="url(#g)"/>
<circle cx="${60 + ((seed * 37) % 120)}" cy="${50 + ((seed * 53) % 90)}" r="${40 + (seed % 5) * 8}" fill="#fff" fill-opacity="0.14"/>
<rect x="${30 + ((seed * 13) % 80)}" y="${120 + ((seed * 7) % 50)}" width="120" height="60" rx="14" fill="#fff" fill-opacity="0.12"/>
<text x="120" y="138" text-anchor="middle" font-family="Georgia, serif" font-size="64" fill="#fff">${escapeHtml(initials)}</text>
</svg>`;
}
