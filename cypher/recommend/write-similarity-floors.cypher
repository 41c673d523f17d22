// Purpose: remember, per item, the k-th best score of its personalized neighbours: another item
// joins its neighbours only by beating it (docs/adr/0005-similarity.md).
// Parameters: $floors (list of {item: elementId, floor}). Returns: updated. Mode: write
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $floors AS entry
MATCH (i:Item)
WHERE elementId(i) = entry.item
SET i.personalizedFloor = entry.floor
RETURN count(i) AS updated
LIMIT 1
