import { createHash } from 'node:crypto';
import type { Interaction } from './csv-reader.js';

/** Event types a data row can become: those that carry a user and one item and feed the models. */
export const ROW_EVENT_TYPES = ['view', 'consume', 'basket', 'buy', 'rate'] as const;
export type RowEventType = (typeof ROW_EVENT_TYPES)[number];

export interface EventOptions {
  siteId: string;
  eventType: RowEventType;
  itemType: string;
  /** Added to every row timestamp (see planTimeShift); rows without a timestamp get none. */
  timeShiftMs: number;
  /** Largest rating of the data (5 for stars), mapped to 100; see toRating100. */
  ratingScale: number;
}

/**
 * One event per row, with a deterministic UUID (version-5 layout over a SHA-1 of the site, the row
 * number and its content), so that posting the same rows to the same site twice stores them once.
 */
export function toEvent(
  row: Interaction,
  rowNumber: number,
  options: EventOptions,
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    id: deterministicUuid(
      `${options.siteId}\n${rowNumber}\n${options.eventType}\n${row.user}\n${row.item}\n${row.timestamp ?? ''}`,
    ),
    type: options.eventType,
    user: row.user,
    item: row.item,
    itemType: options.itemType,
  };
  if (row.timestamp !== undefined) event.timestamp = row.timestamp + options.timeShiftMs;
  if (options.eventType === 'rate') event.rating = toRating100(row.rating, options.ratingScale);
  if (options.eventType === 'consume') event.percent = 100;
  if (options.eventType === 'buy') event.quantity = 1;
  return event;
}

/** A rating on 0..scale as 0..100 (the API's scale: 5 stars = 100, 1 star = 20); no rating = 100. */
export function toRating100(rating: number | undefined, scale: number): number {
  if (rating === undefined) return 100;
  return Math.min(100, Math.max(0, Math.round((rating / scale) * 100)));
}

/** 5 for star ratings, 10 for 0..10 scales, else 100. */
export function detectRatingScale(rows: readonly Interaction[]): number {
  let highest = 0;
  for (const row of rows)
    if (row.rating !== undefined && row.rating > highest) highest = row.rating;
  return highest <= 5 ? 5 : highest <= 10 ? 10 : 100;
}

/**
 * The shift that makes the newest row happen a minute ago: models look at the present (popular's
 * 7-day window, recency weights), so the data is replayed as if its history had just ended, keeping
 * every gap between events. `keep` posts the timestamps as they are.
 */
export function planTimeShift(
  rows: readonly Interaction[],
  mode: 'shift' | 'keep',
  now: number,
): number {
  if (mode === 'keep') return 0;
  let newest = -Infinity;
  for (const row of rows)
    if (row.timestamp !== undefined && row.timestamp > newest) newest = row.timestamp;
  return Number.isFinite(newest) ? now - 60_000 - newest : 0;
}

export function deterministicUuid(name: string): string {
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Consecutive slices of at most `size` elements. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size)
    chunks.push(values.slice(start, start + size));
  return chunks;
}
