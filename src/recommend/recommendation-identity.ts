import { createHash } from 'node:crypto';

export interface RankedItem {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
}

/**
 * The ETag reflects the ranked list (types and ids in order) and the attributes shown, so a 304
 * never hides a price change; it ignores scores (they drift with every refresh without changing
 * the list) and the recommendation id.
 */
export function computeEtag(items: readonly RankedItem[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(items.map((item) => [item.type, item.id, item.attributes])))
    .digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

/** True when an If-None-Match header names this ETag (or is `*`); weak validators compare equal. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === '*' || value === etag;
  });
}

/**
 * `<scenario>.<uuid>`: a UUID (version 8, name-based on SHA-256) derived from the site, scenario,
 * user, context and the ranked list: the same request that yields the same list gets the same id,
 * on any instance and after a restart, so a client keeping its list after a 304 keeps a valid id
 * too. The scenario prefix lets impressions, clicks and purchases be counted per scenario
 * (GET /v1/stats) from the events alone, whichever instance served the list.
 */
export function deriveRecommendationId(parts: {
  siteId: string;
  scenario: string;
  user: string | null;
  context: readonly string[];
  items: readonly { type: string; id: string }[];
}): string {
  const bytes = createHash('sha256')
    .update(
      JSON.stringify([
        parts.siteId,
        parts.scenario,
        parts.user,
        parts.context,
        parts.items.map((item) => [item.type, item.id]),
      ]),
    )
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${parts.scenario}.${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const RECOMMENDATION_ID =
  /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The scenario a recommendation id was served for; null for an id this service did not make. */
export function scenarioOfRecommendation(recommendationId: string): string | null {
  return RECOMMENDATION_ID.exec(recommendationId)?.[1] ?? null;
}
