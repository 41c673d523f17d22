export interface LoggedRecommendation {
  siteId: string;
  scenario: string;
  user: string | null;
  items: { type: string; id: string; model: string }[];
  at: number;
}

/**
 * The recent recommendations of this instance, by id, so that an impression or click_recommended
 * carrying a recommendationId can be resolved to its scenario and items. Bounded (least recently
 * served dropped first) and in memory: ids are derived from the list itself (identical on every
 * instance), and tracking keeps the durable per-id counters on (:Recommendation) nodes.
 */
export function createRecommendationLog(maxEntries = 100_000) {
  const entries = new Map<string, LoggedRecommendation>();
  return {
    record(id: string, entry: LoggedRecommendation): void {
      entries.delete(id);
      entries.set(id, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    find(siteId: string, id: string): LoggedRecommendation | undefined {
      const entry = entries.get(id);
      return entry?.siteId === siteId ? entry : undefined;
    },
    /** Drops every entry served to these users of the site (their erasure). */
    forgetUsers(siteId: string, users: readonly string[]): void {
      const erased = new Set(users);
      for (const [id, entry] of entries)
        if (entry.siteId === siteId && entry.user !== null && erased.has(entry.user))
          entries.delete(id);
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type RecommendationLog = ReturnType<typeof createRecommendationLog>;
