// Purpose: items whose popular/trending scores were computed long ago: the 7-day window has moved
// since, so the refresher recomputes them even without new events.
// Parameters: $before (epoch ms), $limit. Returns: item (elementId), siteId, type, id, edges (the
//   interactions recomputing it reads, from the degree store). Mode: read
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
MATCH (i:Item)
WHERE i.popularityUpdatedAt < $before
RETURN elementId(i) AS item, i.siteId AS siteId, i.type AS type, i.id AS id,
  COUNT { (i)<-[:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED]-() } AS edges
ORDER BY i.popularityUpdatedAt
LIMIT toInteger($limit)
