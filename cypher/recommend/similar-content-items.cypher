// Purpose: similar_content: catalogue items sharing categories and attributes with the context,
// scored by the item_content full-text index (BM25 over site-scoped tokens: a shared rare value
// weighs more than a shared common one), without items the user interacted with in an excluded way.
// Parameters: $siteId, $query (Lucene query built by content-tokens.ts), $user (id or null),
//   $excludedRelationships, $scanLimit, $limit.
// Returns: type, id, score, sources (null), properties, categories. Mode: read
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
CALL db.index.fulltext.queryNodes('item_content', $query, {limit: toInteger($scanLimit)}) YIELD node, score
WITH user, node AS j, score
WHERE j.siteId = $siteId AND (user IS NULL OR NOT EXISTS { MATCH (user)-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED|HID]->(j) WHERE type(r) IN $excludedRelationships })
WITH j, score, null AS sources
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
ORDER BY score DESC, type, id
LIMIT toInteger($limit)
