// Purpose: the items growing fastest over the previous 7 days (scores kept by the refresher), read
// in index order (item_site_* indexes) a page at a time, without items the user interacted with in
// an excluded way.
// Parameters: $siteId, $user (id or null), $excludedRelationships, $skip, $limit.
// Returns: type, id, score, sources (null), properties, categories. Mode: read
// The index gives the order only with its siteId prefix in ORDER BY; rows are then read lazily
// until the page is full (user exclusions checked per row, the user resolved inside the check).
MATCH (j:Item {siteId: $siteId})
WHERE j.trendingScore > 0
WITH j
ORDER BY j.siteId DESC, j.trendingScore DESC
WHERE $user IS NULL OR NOT EXISTS {
  MATCH (known:User {siteId: $siteId, id: $user})
  OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
  WITH j, coalesce(merged, known) AS user
  MATCH (user)-[r]->(j)
  WHERE type(r) IN $excludedRelationships
}
WITH j, j.trendingScore AS score, null AS sources
SKIP toInteger($skip)
LIMIT toInteger($limit)
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
