import type { Recograph } from '../core/recograph.js';

/** An item counts as seen when half of it has been on screen. */
const VISIBLE_RATIO = 0.5;
/** Items that come into view together are reported in one event. */
const GATHER_MS = 200;

export interface ImpressionTracker {
  /** Watches the entries of a (new or updated) list; a new recommendation id starts counting afresh. */
  watch(recommendationId: string, entries: HTMLElement[]): void;
  stop(): void;
}

/**
 * Reports `impression` events for the entries a visitor actually saw: each item once per
 * recommendation id, grouped by item type. Entries carry `data-item-id` and `data-item-type`.
 */
export function createImpressionTracker(getClient: () => Recograph | undefined): ImpressionTracker {
  let recommendationId = '';
  let seen = new Set<string>();
  const pending: HTMLElement[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (changes) => {
            for (const change of changes) {
              if (change.isIntersecting && change.intersectionRatio >= VISIBLE_RATIO)
                see(change.target as HTMLElement);
            }
          },
          { threshold: VISIBLE_RATIO },
        )
      : undefined;

  function see(entry: HTMLElement): void {
    const key = `${entry.dataset.itemType}\n${entry.dataset.itemId}`;
    if (seen.has(key)) return;
    seen.add(key);
    observer?.unobserve(entry);
    pending.push(entry);
    timer ??= setTimeout(report, GATHER_MS);
  }

  function report(): void {
    timer = undefined;
    const byType = new Map<string, string[]>();
    for (const entry of pending.splice(0)) {
      const type = entry.dataset.itemType ?? 'product';
      byType.set(type, [...(byType.get(type) ?? []), entry.dataset.itemId ?? '']);
    }
    const rg = getClient();
    for (const [itemType, items] of byType)
      rg?.track('impression', { items, itemType, recommendationId });
  }

  return {
    watch(nextId, entries) {
      if (nextId !== recommendationId) {
        if (pending.length > 0) report(); // they were seen under the previous id
        recommendationId = nextId;
        seen = new Set();
        observer?.disconnect();
      }
      for (const entry of entries) {
        if (observer) observer.observe(entry);
        else see(entry); // no IntersectionObserver: count what is rendered
      }
    },
    stop() {
      observer?.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      report();
    },
  };
}
