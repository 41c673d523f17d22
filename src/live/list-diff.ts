import type { RecommendedItem } from './live-ports.js';

/**
 * Whether a recomputed list shows the visitor the same thing as the last pushed one: same items in
 * the same order with the same display attributes. Scores, models and reasons are not shown, so a
 * change in them alone is not worth a push.
 */
export function isSameList(
  previous: readonly RecommendedItem[],
  next: readonly RecommendedItem[],
): boolean {
  if (previous.length !== next.length) return false;
  for (let index = 0; index < previous.length; index += 1) {
    const a = previous[index]!;
    const b = next[index]!;
    if (a.id !== b.id || a.type !== b.type || !isSameValue(a.attributes, b.attributes))
      return false;
  }
  return true;
}

/** The list without the given item ids (for removals pushed before a recompute refills the list). */
export function removeItems(
  items: readonly RecommendedItem[],
  removedIds: ReadonlySet<string>,
): RecommendedItem[] {
  return items.filter((item) => !removedIds.has(item.id));
}

/** Deep equality for JSON values, ignoring key order. */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, index) => isSameValue(value, other[index]));
  }
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    isSameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
