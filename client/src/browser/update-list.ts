import type { RecommendedItem } from '../core/types.js';

const signatures = new WeakMap<Element, string>();

/**
 * Brings the list in line with `items`, keyed by item: an entry still recommended and unchanged is
 * kept (its image does not reload, nothing flickers), only new or changed entries are rendered and,
 * when `animate` is set, fade in. Returns the entries in order.
 */
export function updateList(
  list: HTMLElement,
  items: RecommendedItem[],
  recommendationId: string,
  renderEntry: (item: RecommendedItem) => Node,
  animate: boolean,
): HTMLElement[] {
  const previous = new Map<string, HTMLElement>();
  for (const child of Array.from(list.children) as HTMLElement[])
    previous.set(child.dataset.key ?? '', child);
  const entries = items.map((item) => {
    const key = `${item.type}/${item.id}`;
    const signature = JSON.stringify(item.attributes);
    let entry = previous.get(key);
    previous.delete(key);
    if (!entry || signatures.get(entry) !== signature) {
      entry = createEntry(item, key, renderEntry(item));
      signatures.set(entry, signature);
      if (animate) fadeIn(entry);
    }
    entry.dataset.recommendationId = recommendationId;
    return entry;
  });
  previous.forEach((entry) => entry.remove());
  entries.forEach((entry, index) => {
    if (list.children[index] !== entry) list.insertBefore(entry, list.children[index] ?? null);
  });
  return entries;
}

function createEntry(item: RecommendedItem, key: string, content: Node): HTMLElement {
  const entry = document.createElement('li');
  entry.className = 'rg-item';
  Object.assign(entry.dataset, { key, itemId: item.id, itemType: item.type });
  entry.append(content);
  return entry;
}

function fadeIn(entry: HTMLElement): void {
  entry.classList.add('rg-enter');
  entry.addEventListener('animationend', () => entry.classList.remove('rg-enter'), { once: true });
}
