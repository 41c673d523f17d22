// Purpose: the items growing fastest over the previous 7 days (scores kept by the refresher),
// restricted to the given categories and everything below them; bounded by the categories' size, a
// page at a time, without items the user interacted with in an excluded way.
// Parameters: $siteId, $categories (paths), $user (id or null), $excludedRelationships, $skip, $limit.
// Returns: type, id, score, sources (null), properties, categories. Mode: read
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
UNWIND $categories AS path
MATCH (:Category {siteId: $siteId, path: path})<-[:PARENT*0..10]-(:Category)<-[:IN_CATEGORY]-(j:Item)
WITH DISTINCT user, j
WHERE j.trendingScore > 0
WITH user, j
ORDER BY j.trendingScore DESC, j.type, j.id
WITH user, j
WHERE user IS NULL OR NOT EXISTS { MATCH (user)-[r]->(j) WHERE type(r) IN $excludedRelationships }
WITH j, j.trendingScore AS score, null AS sources
SKIP toInteger($skip)
LIMIT toInteger($limit)
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
