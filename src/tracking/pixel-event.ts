import { randomUUID } from 'node:crypto';

const NUMERIC_FIELDS = new Set(['percent', 'quantity', 'price', 'rating']);
const TEXT_FIELDS = new Set(['id', 'currency', 'categoryPath', 'recommendationId', 'knownUser']);

/**
 * The event a pixel URL describes: `/v1/track/{type}/{user}/{itemType}/{item}?id=&quantity=…`
 * (or `/v1/track/{type}/{user}?…` for item-less events such as login). Query values are strings,
 * so the numeric fields are converted; the schema then validates as for any event. Without an
 * `id` a random one is used: such a pixel is not safe to retry (send an `id` to make it so).
 */
export function toPixelEvent(
  params: Record<string, string | undefined>,
  query: Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const event: Record<string, unknown> = { type: params.type, user: params.user };
  if (params.item !== undefined) {
    event.item = params.item;
    event.itemType = params.itemType;
  }
  for (const [name, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    if (NUMERIC_FIELDS.has(name)) event[name] = toNumber(value);
    else if (TEXT_FIELDS.has(name)) event[name] = value;
    else if (name === 'timestamp') event.timestamp = /^\d+$/.test(value) ? Number(value) : value;
    else if (name === 'items') event.items = value.split(',').filter((id) => id !== '');
  }
  event.id ??= randomUUID();
  return event;
}

function toNumber(value: string): number | string {
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? number : value; // the schema names the bad field
}
