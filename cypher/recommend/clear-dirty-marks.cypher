// Purpose: end the refresher's handling of a batch of dirty items. An item no event touched
// meanwhile loses its marks; one an event touched stays dirty, due again at $cooldownUntil. Every
// item gets similarityCooldownUntil = $cooldownUntil, so tracking's next mark on it is due then
// too (store-events): a hot item is recomputed at most once per cooldown, not in every round.
// markedAt is the item's last touch as the find-*-dirty-items queries read it (similarityTouchedAt;
// similarityDirtyAt for a mark written before touches were recorded).
// Parameters: $marks (list of {item: elementId, markedAt}), $cooldownUntil (epoch ms).
// Returns: cleared (items no longer dirty). Mode: write
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $marks AS mark
MATCH (i:Item)
WHERE elementId(i) = mark.item
WITH i, coalesce(i.similarityTouchedAt, i.similarityDirtyAt) = mark.markedAt AS untouched
SET i.similarityCooldownUntil = toInteger($cooldownUntil)
WITH i, untouched
CALL (i, untouched) {
  WITH i
  WHERE untouched
  REMOVE i.similarityDirtyAt, i.similarityTouchedAt
}
CALL (i, untouched) {
  WITH i
  WHERE NOT untouched AND i.similarityDirtyAt < toInteger($cooldownUntil)
  SET i.similarityDirtyAt = toInteger($cooldownUntil)
}
RETURN count(CASE WHEN untouched THEN 1 END) AS cleared
