// Purpose: count the events stored in (after, until] exactly once: moves the cursor from $after
// to $until and, only if it was still at $after (no other instance counted that range), adds the
// counters and records the recommendation clicks, all in this one transaction.
// Parameters: $name, $after, $until, $now (epoch ms), $counters (list of maps: siteId, day,
//   scenario, metric, currency, value), $clicks (list of maps: siteId, user, itemType, item, at,
//   scenario, recommendationId). Returns: applied (true, or no row when the range was taken). Mode: write
// replan=skip: every read is an index seek (a range seek in storedAt order), a unique-index seek
// or an expansion from bound nodes, whatever the statistics (explain-every-query checks the plan
// made on an empty graph). The rollup runs all through ingestion, and on a young graph each of its
// replans took a core for a moment while event writes queued (ADR 0009).
CYPHER replan=skip
MERGE (c:StatsCursor {name: $name})
  ON CREATE SET c.until = toInteger($after)
// Writing first takes the cursor's lock, so `until` is read after any other rollup committed:
// a plain read would see the value from before a concurrent rollup and count its range again.
SET c.lockedAt = toInteger($now)
WITH c
WHERE c.until = toInteger($after)
SET c.until = toInteger($until), c.updatedAt = toInteger($now)
WITH c
CALL (c) {
  UNWIND $counters AS k
  MERGE (s:DailyStat {siteId: k.siteId, day: k.day, scenario: k.scenario, metric: k.metric, currency: k.currency})
    ON CREATE SET s.value = 0
  // counts stay integers; only revenue is a decimal sum
  SET s.value = s.value + CASE WHEN k.metric = 'revenue' THEN k.value ELSE toInteger(k.value) END
}
CALL (c) {
  // (:User)-[:CLICKED_RECOMMENDATION]->(:Item): the latest click per user and item, kept for
  // attributing later purchases. An item deleted from the catalogue since is skipped.
  UNWIND $clicks AS k
  MATCH (i:Item {siteId: k.siteId, type: k.itemType, id: k.item})
  MERGE (u:User {siteId: k.siteId, id: k.user})
    ON CREATE SET u.createdAt = toInteger($now)
  MERGE (u)-[r:CLICKED_RECOMMENDATION]->(i)
  WITH r, k
  WHERE r.at IS NULL OR toInteger(k.at) >= r.at
  SET r.at = toInteger(k.at), r.scenario = k.scenario, r.recommendationId = k.recommendationId
}
RETURN true AS applied
