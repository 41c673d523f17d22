// Purpose: the items whose interactions changed since their similarity was last computed (tracking
// sets similarityDirtyAt when an item becomes dirty), in every site, longest dirty first: the
// refresher's backlog lane. Only items due by $dueBy (an item recomputed less than a cooldown ago
// is due at the cooldown's end: see clear-dirty-marks).
// Parameters: $limit, $dueBy (epoch ms). Returns: item (elementId), siteId, type, id, markedAt (the last touch, for clear-dirty-marks), deleted. Mode: read
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
MATCH (i:Item)
WHERE i.similarityDirtyAt <= $dueBy
RETURN elementId(i) AS item, i.siteId AS siteId, i.type AS type, i.id AS id, coalesce(i.similarityTouchedAt, i.similarityDirtyAt) AS markedAt, i.deletedAt IS NOT NULL AS deleted
ORDER BY i.similarityDirtyAt
LIMIT toInteger($limit)
