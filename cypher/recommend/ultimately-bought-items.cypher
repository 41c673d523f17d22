// Purpose: ultimately_bought: what the users who viewed the context items bought afterwards. A
// bounded sample of each context item's most recent viewers (at most $scanLimit edges read,
// $sampleSize viewers, viewers with more than $maxUserItems purchases skipped); score = the
// cosine between that viewer set and the item's buyers, so bestsellers do not win by size alone.
// Parameters: $siteId, $context (list of {type, id}), $user (id or null), $excludedRelationships,
//   $scanLimit, $sampleSize, $maxUserItems, $limit.
// Returns: type, id, score, sources (list of {id, score}), properties, categories. Mode: read
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
UNWIND $context AS key
MATCH (c:Item {siteId: $siteId, type: key.type, id: key.id})
CALL (c) {
  MATCH (c)<-[v:VIEWED]-(viewer:User)
  WITH v, viewer
  LIMIT toInteger($scanLimit)
  WITH v, viewer
  ORDER BY v.lastAt DESC
  LIMIT toInteger($sampleSize)
  RETURN collect({viewer: viewer, viewedAt: v.firstAt}) AS viewers
}
WITH user, c, viewers, COUNT { (c)<-[:VIEWED]-() } AS allViewers
UNWIND viewers AS entry
WITH user, c, size(viewers) AS sampled, allViewers, entry.viewer AS viewer, entry.viewedAt AS viewedAt
WHERE COUNT { (viewer)-[:BOUGHT]->() } <= $maxUserItems
MATCH (viewer)-[b:BOUGHT]->(j:Item)
WHERE b.lastAt >= viewedAt
WITH user, c, sampled, allViewers, j, count(DISTINCT viewer) AS buyers
WITH user, c, j, toFloat(buyers) * allViewers / sampled / sqrt(toFloat(allViewers) * COUNT { (j)<-[:BOUGHT]-() }) AS part
WITH user, j, sum(part) AS score, collect({id: c.id, score: part}) AS sources
WHERE user IS NULL OR NOT EXISTS { MATCH (user)-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED|HID]->(j) WHERE type(r) IN $excludedRelationships }
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
ORDER BY score DESC, type, id
LIMIT toInteger($limit)
