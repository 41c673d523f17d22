import { isItemListed } from '../catalog/graph-item.js';
import { isWithinCategory, rootOf } from '../catalog/category-paths.js';
import { itemKey, type Candidate } from './candidate.js';
import type { ScenarioFilters } from './scenario-config.js';

/** Everything a candidate is checked against, apart from the user's own interactions (Cypher checks those). */
export interface EligibilityRules {
  now: number;
  availableOnly: boolean;
  itemTypes?: readonly string[];
  /** Item keys never to return: the request's exclude list, the context (excludeContext), items already chosen. */
  excluded: ReadonlySet<string>;
  /** The request's category: items in it or below it. */
  category?: string;
  categoryMode: ScenarioFilters['categoryMode'];
  /** Leaf category paths of the context items (for `same` and `context-root`). */
  contextCategories: readonly string[];
}

export function isEligible(candidate: Candidate, rules: EligibilityRules): boolean {
  if (rules.excluded.has(itemKey(candidate.type, candidate.id))) return false;
  if (candidate.properties.deletedAt !== undefined && candidate.properties.deletedAt !== null)
    return false;
  if (rules.availableOnly && !isItemListed(candidate.properties, rules.now)) return false;
  if (rules.itemTypes && !rules.itemTypes.includes(candidate.type)) return false;
  const category = rules.category;
  if (
    category !== undefined &&
    !candidate.categories.some((path) => isWithinCategory(path, category))
  )
    return false;
  return matchesCategoryMode(candidate.categories, rules.categoryMode, rules.contextCategories);
}

/**
 * `same`: shares a category with a context item; `context-root`: shares a top-level category.
 * Without context categories there is nothing to compare with, and the mode does not restrict.
 */
export function matchesCategoryMode(
  categories: readonly string[],
  mode: ScenarioFilters['categoryMode'],
  contextCategories: readonly string[],
): boolean {
  if (mode === 'any' || contextCategories.length === 0) return true;
  if (mode === 'same') return categories.some((path) => contextCategories.includes(path));
  const roots = new Set(contextCategories.map(rootOf));
  return categories.some((path) => roots.has(rootOf(path)));
}

/**
 * Categories the list-wide models (popular, trending, new) must draw from so that a small
 * category still fills: the request's category, else the context's for `same`/`context-root`.
 */
export function categoryScope(
  rules: Pick<EligibilityRules, 'category' | 'categoryMode' | 'contextCategories'>,
): string[] | null {
  if (rules.category !== undefined) return [rules.category];
  if (rules.categoryMode === 'any' || rules.contextCategories.length === 0) return null;
  const paths =
    rules.categoryMode === 'same' ? rules.contextCategories : rules.contextCategories.map(rootOf);
  return [...new Set(paths)];
}
