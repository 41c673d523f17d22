// Purpose: clear the similarity marks the refresher has handled, unless an event marked the item
// again meanwhile (then the mark is newer and the item is recomputed on the next round).
// Parameters: $marks (list of {item: elementId, dirtyAt}). Returns: cleared. Mode: write
UNWIND $marks AS mark
MATCH (i:Item)
WHERE elementId(i) = mark.item AND i.similarityDirtyAt = mark.dirtyAt
REMOVE i.similarityDirtyAt
RETURN count(i) AS cleared
LIMIT 1
