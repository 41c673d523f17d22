// Purpose: the most recently added items, read in index order (item_site_* indexes) a page at a
// time, without items the user interacted with in an excluded way.
// Parameters: $siteId, $user (id or null), $excludedRelationships, $skip, $limit.
// Returns: type, id, score, sources (null), properties, categories. Mode: read
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
MATCH (j:Item {siteId: $siteId})
WHERE j.createdAt IS NOT NULL
WITH user, j
ORDER BY j.createdAt DESC, j.type, j.id
WITH user, j
WHERE user IS NULL OR NOT EXISTS { MATCH (user)-[r]->(j) WHERE type(r) IN $excludedRelationships }
WITH j, toFloat(j.createdAt) AS score, null AS sources
SKIP toInteger($skip)
LIMIT toInteger($limit)
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
