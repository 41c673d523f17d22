// Purpose: items most similar to the context items under one materialised model (also_bought,
// also_viewed, also_consumed): the context items' SIMILAR lists summed, best first, without items
// the user interacted with in an excluded way. Cost: one index seek per context item and at most
// their outgoing SIMILAR edges.
// Parameters: $siteId, $model, $context (list of {type, id}), $user (id or null),
//   $excludedRelationships (relationship types), $limit.
// Returns: type, id, score, sources (list of {id, score}), properties, categories. Mode: read
UNWIND $context AS key
MATCH (c:Item {siteId: $siteId, type: key.type, id: key.id})-[s:SIMILAR]->(j)
WHERE s.model = $model
WITH j, sum(s.score) AS score, collect({id: c.id, score: s.score}) AS sources
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH j, score, sources, coalesce(merged, known) AS user
WHERE user IS NULL OR NOT EXISTS { MATCH (user)-[r]->(j) WHERE type(r) IN $excludedRelationships }
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
ORDER BY score DESC, type, id
LIMIT toInteger($limit)
