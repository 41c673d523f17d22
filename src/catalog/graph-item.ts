import { buildContentTokens, type AttributeValue } from './content-tokens.js';
import type { CatalogItem } from './item-schema.js';

/** Custom attributes live on the Item node as `attr_<name>` properties (readable in Neo4j Browser). */
export const ATTRIBUTE_PREFIX = 'attr_';
export const DISPLAY_FIELDS = ['title', 'url', 'image', 'price', 'currency'] as const;

/** What `catalog/upsert-items` writes for one item: catalogue fields (null removes), attributes, categories. */
export interface GraphItem {
  type: string;
  id: string;
  properties: Record<string, string | number | boolean | null>;
  attributes: Record<string, AttributeValue>;
  categories: string[];
}

export function toGraphItem(siteId: string, item: CatalogItem): GraphItem {
  const categories = [...new Set(item.categories ?? [])];
  const attributes = item.attributes ?? {};
  const tokens = buildContentTokens(siteId, categories, attributes);
  return {
    type: item.type,
    id: item.id,
    properties: {
      title: item.title ?? null,
      url: item.url ?? null,
      image: item.image ?? null,
      price: item.price ?? null,
      currency: item.currency ?? null,
      available: item.available ?? true,
      validFrom: item.validFrom ?? null,
      validTo: item.validTo ?? null,
      contentTokens: tokens.length > 0 ? tokens.join(' ') : null,
    },
    attributes: Object.fromEntries(
      Object.entries(attributes).map(([name, value]) => [`${ATTRIBUTE_PREFIX}${name}`, value]),
    ),
    categories,
  };
}

/** An item as the API shows it, from the node's properties and its category paths. */
export function toApiItem(
  properties: Record<string, unknown>,
  categories: string[],
): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key.startsWith(ATTRIBUTE_PREFIX)) attributes[key.slice(ATTRIBUTE_PREFIX.length)] = value;
  }
  const item: Record<string, unknown> = { type: properties.type, id: properties.id };
  for (const field of DISPLAY_FIELDS)
    if (properties[field] !== undefined && properties[field] !== null)
      item[field] = properties[field];
  item.categories = [...categories].sort();
  item.available = properties.available !== false;
  if (typeof properties.validFrom === 'number')
    item.validFrom = new Date(properties.validFrom).toISOString();
  if (typeof properties.validTo === 'number')
    item.validTo = new Date(properties.validTo).toISOString();
  item.attributes = attributes;
  if (typeof properties.createdAt === 'number')
    item.createdAt = new Date(properties.createdAt).toISOString();
  if (typeof properties.catalogUpdatedAt === 'number')
    item.updatedAt = new Date(properties.catalogUpdatedAt).toISOString();
  return item;
}

/** Whether an item is shown in recommendations at `now` (the catalogue's availability rule). */
export function isItemListed(
  properties: { available?: unknown; validFrom?: unknown; validTo?: unknown; deletedAt?: unknown },
  now: number,
): boolean {
  if (properties.deletedAt !== undefined && properties.deletedAt !== null) return false;
  if (properties.available === false) return false;
  if (typeof properties.validFrom === 'number' && properties.validFrom > now) return false;
  if (typeof properties.validTo === 'number' && properties.validTo <= now) return false;
  return true;
}
