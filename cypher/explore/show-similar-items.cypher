// Purpose: for analysts in Neo4j Browser: an item's materialised similarity lists (what also_bought,
// also_viewed, also_consumed and personalized start from), best first per model.
// Parameters: $siteId, $type (e.g. "product"), $id, $limit (per model, e.g. 10).
// Returns: model, similar (id), score, updatedAt. Mode: read
MATCH (:Item {siteId: $siteId, type: $type, id: $id})-[s:SIMILAR]->(similar:Item)
WITH s.model AS model, similar, s
ORDER BY model, s.score DESC
WITH model, collect({id: similar.id, score: s.score, updatedAt: s.updatedAt})[..toInteger($limit)] AS best
UNWIND best AS entry
RETURN model, entry.id AS similar, entry.score AS score, entry.updatedAt AS updatedAt
LIMIT 400
