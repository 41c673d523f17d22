// Purpose: the dirty items of one site, most recently dirtied first: the refresher's fast lane for a site
// that just had events (and the whole-site refresh used by imports and tests).
// Only items due by $dueBy (similarityDirtyAt is when an item is due: see clear-dirty-marks).
// Parameters: $siteId, $limit, $dueBy (epoch ms). Returns: item (elementId), siteId, type, id, markedAt (the last touch, for clear-dirty-marks), deleted. Mode: read
MATCH (i:Item {siteId: $siteId})
WHERE i.similarityDirtyAt <= $dueBy
RETURN elementId(i) AS item, i.siteId AS siteId, i.type AS type, i.id AS id, coalesce(i.similarityTouchedAt, i.similarityDirtyAt) AS markedAt, i.deletedAt IS NOT NULL AS deleted
ORDER BY i.similarityDirtyAt DESC
LIMIT toInteger($limit)
