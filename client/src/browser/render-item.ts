import type { RecommendedItem } from '../core/types.js';
import { formatPrice } from './format-price.js';

export interface RenderHelpers {
  recommendationId: string;
  /** The item's price in the page's locale, or '' when it has none. */
  formatPrice(item: RecommendedItem): string;
}

/** A custom renderer: returns the content of one list entry (a Node, or HTML you have escaped). */
export type ItemRenderer = (item: RecommendedItem, helpers: RenderHelpers) => Node | string;

export function createHelpers(recommendationId: string, locale: string | undefined): RenderHelpers {
  return {
    recommendationId,
    formatPrice: (item) => formatPrice(item.attributes.price, item.attributes.currency, locale),
  };
}

/**
 * The default entry: one link whose text is the title, so the link says where it goes; the image
 * sits inside that link and is decorative there (alt="", WAI images tutorial: "image in a link
 * with text"), so screen readers do not read the title twice; the price follows.
 */
export function renderDefaultItem(item: RecommendedItem, helpers: RenderHelpers): Node {
  const { title, url, image } = item.attributes;
  const fragment = document.createDocumentFragment();
  const href = safeUrl(url);
  const link = document.createElement(href ? 'a' : 'span');
  link.className = 'rg-link';
  if (href) link.setAttribute('href', href);
  const source = safeUrl(image);
  if (source) {
    const img = document.createElement('img');
    Object.assign(img, {
      className: 'rg-image',
      src: source,
      alt: '',
      loading: 'lazy',
      decoding: 'async',
    });
    link.append(img);
  }
  const name = document.createElement('span');
  name.className = 'rg-title';
  name.textContent = typeof title === 'string' && title ? title : item.id;
  link.append(name);
  fragment.append(link);
  const price = helpers.formatPrice(item);
  if (price) {
    const priceElement = document.createElement('p');
    priceElement.className = 'rg-price';
    priceElement.textContent = price;
    fragment.append(priceElement);
  }
  return fragment;
}

/**
 * Fills a clone of the page's <template>: an element with `data-rg="url"` gets the href, one with
 * `data-rg="image"` the src (and the title as alt unless the template sets one), `data-rg="price"`
 * the formatted price, and any other `data-rg="name"` the text of that attribute (title, brand…).
 */
export function renderFromTemplate(
  template: HTMLTemplateElement,
  item: RecommendedItem,
  helpers: RenderHelpers,
): Node {
  const fragment = template.content.cloneNode(true) as DocumentFragment;
  for (const element of Array.from(fragment.querySelectorAll<HTMLElement>('[data-rg]'))) {
    const field = element.dataset.rg ?? '';
    const value = field === 'id' ? item.id : item.attributes[field];
    if (field === 'url') {
      const href = safeUrl(value);
      if (href) element.setAttribute('href', href);
    } else if (field === 'image') {
      const source = safeUrl(value);
      if (source) element.setAttribute('src', source);
      if (!element.hasAttribute('alt'))
        element.setAttribute('alt', String(item.attributes.title ?? ''));
    } else if (field === 'price') {
      element.textContent = helpers.formatPrice(item);
    } else {
      element.textContent = value === undefined || value === null ? '' : String(value);
    }
  }
  return fragment;
}

/** Only http(s) and relative URLs: a catalogue must not be able to inject `javascript:` links. */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
