// Purpose: recently_viewed: the user's own views, most recent first (at most $scanLimit view edges
// read), without items the user interacted with in an excluded way.
// Parameters: $siteId, $user, $excludedRelationships, $scanLimit, $limit.
// Returns: type, id, score (the view's lastAt), sources (null), properties, categories. Mode: read
MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
CALL (user) {
  MATCH (user)-[v:VIEWED]->(j:Item)
  WITH v, j
  LIMIT toInteger($scanLimit)
  RETURN v, j
}
WITH user, v, j
WHERE NOT EXISTS { MATCH (user)-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED|HID]->(j) WHERE type(r) IN $excludedRelationships }
WITH j, toFloat(v.lastAt) AS score, null AS sources
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
ORDER BY score DESC, type, id
LIMIT toInteger($limit)
