// Purpose: remember, per item, the k-th best score of its personalized neighbours: another item
// joins its neighbours only by beating it (docs/adr/0005-similarity.md).
// Parameters: $floors (list of {item: elementId, floor}). Returns: updated. Mode: write
UNWIND $floors AS entry
MATCH (i:Item)
WHERE elementId(i) = entry.item
SET i.personalizedFloor = entry.floor
RETURN count(i) AS updated
LIMIT 1
