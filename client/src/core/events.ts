import type { TrackableEventType, TrackedEvent, TrackFields } from './types.js';

const TRACKABLE_TYPES: ReadonlySet<string> = new Set<TrackableEventType>([
  'view',
  'consume',
  'basket',
  'unbasket',
  'buy',
  'rate',
  'hide',
  'impression',
  'click_recommended',
]);

/**
 * Maps a star rating to the 0..100 scale the server stores: the lowest star is 0, the highest 100,
 * evenly spaced in between (so 3 of 5 is a neutral 50). Half stars are allowed.
 */
export function starsToRating(stars: number, maxStars = 5): number {
  if (!Number.isFinite(maxStars) || maxStars < 2)
    throw new RangeError('maxStars must be at least 2');
  if (!Number.isFinite(stars) || stars < 1 || stars > maxStars) {
    throw new RangeError(`stars must be between 1 and ${maxStars}, got ${String(stars)}`);
  }
  return Math.round(((stars - 1) / (maxStars - 1)) * 100);
}

/**
 * Checks what the application passed to `rg.track` and turns it into the wire event. Mistakes are
 * thrown at once as TypeError/RangeError, where the developer is looking, rather than found later
 * as a server rejection.
 */
export function buildEvent<T extends TrackableEventType>(
  type: T,
  fields: TrackFields[T],
  identity: { id: string; user: string; now: number },
): TrackedEvent {
  if (!TRACKABLE_TYPES.has(type)) throw new TypeError(`Unknown event type: ${String(type)}`);
  if (typeof fields !== 'object' || fields === null)
    throw new TypeError('track fields must be an object');
  const { stars, ...rest } = fields as Record<string, unknown>;
  const event: Record<string, unknown> = {
    ...rest,
    id: identity.id,
    type,
    user: rest.user ?? identity.user,
  };
  event.timestamp = rest.timestamp ?? new Date(identity.now).toISOString();

  if (type === 'impression') {
    const items = rest.items;
    if (!Array.isArray(items) || items.length === 0 || !items.every(isNonEmptyString)) {
      throw new TypeError('impression needs items: a non-empty array of item ids');
    }
    event.item ??= items[0];
  } else if (!isNonEmptyString(rest.item)) {
    throw new TypeError(`${type} needs item: a non-empty string`);
  }
  if (
    (type === 'impression' || type === 'click_recommended') &&
    !isNonEmptyString(rest.recommendationId)
  ) {
    throw new TypeError(`${type} needs the recommendationId it belongs to`);
  }
  if (type === 'consume') requireNumberInRange(rest.percent, 'percent', 0, 100);
  if (type === 'buy') {
    event.quantity = rest.quantity ?? 1;
    requireNumberInRange(event.quantity, 'quantity', 1, Number.MAX_SAFE_INTEGER);
    if (rest.price !== undefined) requireNumberInRange(rest.price, 'price', 0, Number.MAX_VALUE);
  }
  if (type === 'rate') {
    if (stars !== undefined) event.rating = starsToRating(stars as number);
    requireNumberInRange(event.rating, 'rating (0..100) or stars (1..5)', 0, 100);
  }
  return event as TrackedEvent;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function requireNumberInRange(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(`${name} must be a number`);
  if (value < min || value > max) throw new RangeError(`${name} must be between ${min} and ${max}`);
}
