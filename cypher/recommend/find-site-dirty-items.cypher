// Purpose: the dirty items of one site, most recently dirtied first: the refresher's fast lane for a site
// that just had events (and the whole-site refresh used by imports and tests).
// Only items due by $dueBy (similarityDirtyAt is when an item is due: see clear-dirty-marks).
// Parameters: $siteId, $limit, $dueBy (epoch ms). Returns: item (elementId), siteId, type, id, markedAt (the last touch, for clear-dirty-marks), deleted. Mode: read
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
MATCH (i:Item {siteId: $siteId})
WHERE i.similarityDirtyAt <= $dueBy
RETURN elementId(i) AS item, i.siteId AS siteId, i.type AS type, i.id AS id, coalesce(i.similarityTouchedAt, i.similarityDirtyAt) AS markedAt, i.deletedAt IS NOT NULL AS deleted
ORDER BY i.similarityDirtyAt DESC
LIMIT toInteger($limit)
