// Purpose: the personalized model: the user's weighted recent history (read and weighted by
// recommend/read-user-history and interaction-weights.ts) expanded through the materialised
// personalized SIMILAR edges and summed, best first, without items the user interacted with in an
// excluded way. Cost: at most |history| x fan-out (100) edges, then $scanLimit existence checks.
// Parameters: $siteId, $history (list of {type, id, weight}), $user (id or null),
//   $excludedRelationships, $scanLimit, $limit.
// Returns: type, id, score, sources (list of {id, score}), properties, categories. Mode: read
// The user is resolved after the aggregation, so it is not a grouping key of every candidate.
UNWIND $history AS entry
MATCH (i:Item {siteId: $siteId, type: entry.type, id: entry.id})-[s:SIMILAR]->(j)
WHERE s.model = 'personalized'
WITH j, sum(entry.weight * s.score) AS score, collect({id: i.id, score: entry.weight * s.score}) AS sources
WHERE score > 0
WITH j, score, sources
ORDER BY score DESC, j.type, j.id
LIMIT toInteger($scanLimit)
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH j, score, sources, coalesce(merged, known) AS user
WHERE user IS NULL OR NOT EXISTS { MATCH (user)-[r]->(j) WHERE type(r) IN $excludedRelationships }
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
ORDER BY score DESC, type, id
LIMIT toInteger($limit)
