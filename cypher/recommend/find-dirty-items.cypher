// Purpose: the items whose interactions changed since their similarity was last computed (tracking
// sets similarityDirtyAt when an item becomes dirty), in every site, longest dirty first: the
// refresher's backlog lane. Only items due by $dueBy (an item recomputed less than a cooldown ago
// is due at the cooldown's end: see clear-dirty-marks).
// Parameters: $limit, $dueBy (epoch ms). Returns: item (elementId), siteId, type, id, markedAt (the last touch, for clear-dirty-marks), deleted. Mode: read
MATCH (i:Item)
WHERE i.similarityDirtyAt <= $dueBy
RETURN elementId(i) AS item, i.siteId AS siteId, i.type AS type, i.id AS id, coalesce(i.similarityTouchedAt, i.similarityDirtyAt) AS markedAt, i.deletedAt IS NOT NULL AS deleted
ORDER BY i.similarityDirtyAt
LIMIT toInteger($limit)
