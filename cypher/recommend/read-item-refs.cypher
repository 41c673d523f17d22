// Purpose: the site, type and id of some items known by elementId: the refresher names the
// neighbours whose lists it changed in its similarity change (the co-occurrence reads return
// neighbours by elementId only). An item that no longer exists returns no row.
// Parameters: $items (elementIds). Returns: item, siteId, type, id. Mode: read
UNWIND $items AS itemElementId
MATCH (i:Item)
WHERE elementId(i) = itemElementId
RETURN itemElementId AS item, i.siteId AS siteId, i.type AS type, i.id AS id
