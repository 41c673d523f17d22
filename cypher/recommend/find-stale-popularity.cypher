// Purpose: items whose popular/trending scores were computed long ago: the 7-day window has moved
// since, so the refresher recomputes them even without new events.
// Parameters: $before (epoch ms), $limit. Returns: item (elementId), siteId, type, id, edges (the
//   interactions recomputing it reads, from the degree store). Mode: read
MATCH (i:Item)
WHERE i.popularityUpdatedAt < $before
RETURN elementId(i) AS item, i.siteId AS siteId, i.type AS type, i.id AS id,
  COUNT { (i)<-[:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED]-() } AS edges
ORDER BY i.popularityUpdatedAt
LIMIT toInteger($limit)
