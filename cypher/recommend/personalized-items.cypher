// Purpose: the personalized model: the user's weighted recent history (read and weighted by
// recommend/read-user-history and interaction-weights.ts) expanded through the materialised
// personalized SIMILAR edges and summed, best first, without items the user interacted with in an
// excluded way. Cost: at most |history| x fan-out (100) edges, then $scanLimit existence checks.
// Parameters: $siteId, $history (list of {type, id, weight}), $user (id or null),
//   $excludedRelationships, $scanLimit, $limit.
// Returns: type, id, score, sources (list of {id, score}), properties, categories. Mode: read
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
UNWIND $history AS entry
MATCH (i:Item {siteId: $siteId, type: entry.type, id: entry.id})-[s:SIMILAR]->(j:Item)
WHERE s.model = 'personalized'
WITH user, j, sum(entry.weight * s.score) AS score, collect({id: i.id, score: entry.weight * s.score}) AS sources
WHERE score > 0
WITH user, j, score, sources
ORDER BY score DESC, j.type, j.id
LIMIT toInteger($scanLimit)
WITH user, j, score, sources
WHERE user IS NULL OR NOT EXISTS { MATCH (user)-[r]->(j) WHERE type(r) IN $excludedRelationships }
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
ORDER BY score DESC, type, id
LIMIT toInteger($limit)
