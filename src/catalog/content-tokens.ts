import { createHash } from 'node:crypto';
import { expandCategoryPaths } from './category-paths.js';

export type AttributeValue = string | number | boolean | string[];

const MAX_TOKEN_LENGTH = 120;

/**
 * Words for the `item_content` full-text index (whitespace analyser): one per category (leaf `cl`,
 * ancestor `ca`) and attribute value (`a`), prefixed with a hash of the site so that sites never
 * match each other and each site's value frequencies stay its own.
 */
export function buildContentTokens(
  siteId: string,
  categories: readonly string[],
  attributes: Record<string, AttributeValue>,
): string[] {
  const site = siteTokenPrefix(siteId);
  const tokens = new Set<string>();
  const leaves = new Set(categories);
  for (const node of expandCategoryPaths(categories)) {
    const word = sanitize(node.path);
    if (word) tokens.add(`${site}_${leaves.has(node.path) ? 'cl' : 'ca'}_${word}`);
  }
  for (const [name, value] of Object.entries(attributes)) {
    for (const element of Array.isArray(value) ? value : [value]) {
      const word = sanitize(`${name} ${String(element)}`);
      if (word) tokens.add(`${site}_a_${word}`);
    }
  }
  return [...tokens];
}

export function siteTokenPrefix(siteId: string): string {
  return `s${createHash('sha256').update(siteId).digest('hex').slice(0, 12)}`;
}

/** Lucene query for items sharing a context's tokens: leaf categories weigh most, then attributes. */
export function buildContentQuery(tokens: readonly string[], maxTerms = 200): string | null {
  const boosts: Record<string, number> = { cl: 3, a: 2, ca: 1 };
  const terms = [...new Set(tokens)]
    .filter((token) => /^s[0-9a-f]{12}_(cl|ca|a)_[\p{L}\p{N}_]+$/u.test(token))
    .slice(0, maxTerms)
    .map((token) => `${token}^${boosts[token.split('_')[1]!] ?? 1}`);
  return terms.length === 0 ? null : terms.join(' ');
}

function sanitize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_TOKEN_LENGTH);
}
