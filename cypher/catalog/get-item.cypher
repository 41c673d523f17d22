// Purpose: one item of the catalogue (also an item only seen in events), unless it was deleted.
// Parameters: $siteId, $type, $id. Returns: properties (map), categories (list of paths). Mode: read
MATCH (i:Item {siteId: $siteId, type: $type, id: $id})
WHERE i.deletedAt IS NULL
RETURN properties(i) AS properties, [(i)-[:IN_CATEGORY]->(c:Category) | c.path][..100] AS categories
LIMIT 1
