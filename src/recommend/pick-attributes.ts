import { ATTRIBUTE_PREFIX, DISPLAY_FIELDS } from '../catalog/graph-item.js';
import type { Candidate } from './candidate.js';

const DISPLAY = new Set<string>(DISPLAY_FIELDS);

/**
 * The attributes a response shows for an item: display fields (title, url, image, price,
 * currency), `categories`, or the name of a custom catalogue attribute. Absent values are left out.
 */
export function pickAttributes(
  candidate: Pick<Candidate, 'properties' | 'categories'>,
  names: readonly string[],
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    let value: unknown;
    if (name === 'categories')
      value = candidate.categories.length > 0 ? [...candidate.categories].sort() : undefined;
    else if (DISPLAY.has(name)) value = candidate.properties[name];
    else value = candidate.properties[`${ATTRIBUTE_PREFIX}${name}`];
    if (value !== undefined && value !== null) picked[name] = value;
  }
  return picked;
}
