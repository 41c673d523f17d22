// Purpose: the materialised SIMILAR lists of some items under one model (also_bought,
// also_viewed, also_consumed, personalized), for the request path's neighbour cache. Cost: one
// index seek per item and its outgoing SIMILAR edges (at most the refresher's fan-out per model).
// An item that does not exist returns no row.
// Parameters: $siteId, $model, $items (list of {type, id}).
// Returns: type, id, and the neighbours as three parallel lists, types, ids and scores: the driver
// decodes plain values without three key strings and a map per neighbour, and filling the cache on
// a cold start was the service's busiest work under bench:recommend. Mode: read
UNWIND $items AS key
MATCH (i:Item {siteId: $siteId, type: key.type, id: key.id})
CALL (i) {
  MATCH (i)-[s:SIMILAR]->(j)
  WHERE s.model = $model
  RETURN collect(j.type) AS types, collect(j.id) AS ids, collect(s.score) AS scores
}
RETURN i.type AS type, i.id AS id, types, ids, scores
