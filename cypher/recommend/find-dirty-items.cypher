// Purpose: the items whose interactions changed since their similarity was last computed (tracking
// sets similarityDirtyAt), in every site, oldest mark first: the refresher's backlog lane.
// Parameters: $limit. Returns: item (elementId), siteId, type, id, dirtyAt, deleted. Mode: read
MATCH (i:Item)
WHERE i.similarityDirtyAt IS NOT NULL
RETURN elementId(i) AS item, i.siteId AS siteId, i.type AS type, i.id AS id, i.similarityDirtyAt AS dirtyAt, i.deletedAt IS NOT NULL AS deleted
ORDER BY i.similarityDirtyAt
LIMIT toInteger($limit)
