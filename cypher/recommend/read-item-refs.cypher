// Purpose: the site, type and id of some items known by elementId: the refresher names the
// neighbours whose lists it changed in its similarity change (the co-occurrence reads return
// neighbours by elementId only). An item that no longer exists returns no row.
// Parameters: $items (elementIds). Returns: item, siteId, type, id. Mode: read
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $items AS itemElementId
MATCH (i:Item)
WHERE elementId(i) = itemElementId
RETURN itemElementId AS item, i.siteId AS siteId, i.type AS type, i.id AS id
