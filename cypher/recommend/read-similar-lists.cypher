// Purpose: the materialised SIMILAR lists of some items under one model (also_bought,
// also_viewed, also_consumed, personalized), for the request path's neighbour cache. Cost: one
// index seek per item and its outgoing SIMILAR edges (at most the refresher's fan-out per model).
// An item that does not exist returns no row.
// Parameters: $siteId, $model, $items (list of {type, id}).
// Returns: type, id, neighbours (list of {type, id, score}). Mode: read
UNWIND $items AS key
MATCH (i:Item {siteId: $siteId, type: key.type, id: key.id})
RETURN i.type AS type, i.id AS id,
  COLLECT { MATCH (i)-[s:SIMILAR]->(j) WHERE s.model = $model RETURN {type: j.type, id: j.id, score: s.score} } AS neighbours
