// Purpose: the stored events (idempotency records) of every site stored in (after, until], for
// the statistics rollup, oldest first (the storedAt index gives the order). Bounded: the caller
// asks for $limit rows and, when they do not all fit, counts up to the last whole millisecond read.
// Parameters: $after, $until (epoch ms), $limit. Returns: storedAt, siteId, type, at, user,
//   itemType, item, recommendationId, revenue, currency, itemsShown. Mode: read
// replan=skip: every read is an index seek (a range seek in storedAt order), a unique-index seek
// or an expansion from bound nodes, whatever the statistics (explain-every-query checks the plan
// made on an empty graph). The rollup runs all through ingestion, and on a young graph each of its
// replans took a core for a moment while event writes queued (ADR 0009).
CYPHER replan=skip
MATCH (e:Event)
WHERE e.storedAt > toInteger($after) AND e.storedAt <= toInteger($until)
RETURN e.storedAt AS storedAt, e.siteId AS siteId, e.type AS type, e.at AS at, e.user AS user, e.itemType AS itemType,
  e.item AS item, e.recommendationId AS recommendationId, e.revenue AS revenue,
  e.currency AS currency, e.itemsShown AS itemsShown
ORDER BY e.storedAt
LIMIT toInteger($limit)
