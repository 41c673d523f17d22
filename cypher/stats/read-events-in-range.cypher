// Purpose: the stored events (idempotency records) of every site stored in (after, until], for
// the statistics rollup. Bounded: the caller asks for a range and $limit rows, and halves the
// range when the limit is reached.
// Parameters: $after, $until (epoch ms), $limit. Returns: siteId, type, at, user, itemType, item,
//   recommendationId, revenue, currency, itemsShown. Mode: read
MATCH (e:Event)
WHERE e.storedAt > toInteger($after) AND e.storedAt <= toInteger($until)
RETURN e.siteId AS siteId, e.type AS type, e.at AS at, e.user AS user, e.itemType AS itemType,
  e.item AS item, e.recommendationId AS recommendationId, e.revenue AS revenue,
  e.currency AS currency, e.itemsShown AS itemsShown
LIMIT toInteger($limit)
