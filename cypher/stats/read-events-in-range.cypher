// Purpose: the stored events (idempotency records) of every site stored in (after, until], for
// the statistics rollup, oldest first (the storedAt index gives the order). Bounded: the caller
// asks for $limit rows and, when they do not all fit, counts up to the last whole millisecond read.
// Parameters: $after, $until (epoch ms), $limit. Returns: storedAt, siteId, type, at, user,
//   itemType, item, recommendationId, revenue, currency, itemsShown. Mode: read
MATCH (e:Event)
WHERE e.storedAt > toInteger($after) AND e.storedAt <= toInteger($until)
RETURN e.storedAt AS storedAt, e.siteId AS siteId, e.type AS type, e.at AS at, e.user AS user, e.itemType AS itemType,
  e.item AS item, e.recommendationId AS recommendationId, e.revenue AS revenue,
  e.currency AS currency, e.itemsShown AS itemsShown
ORDER BY e.storedAt
LIMIT toInteger($limit)
