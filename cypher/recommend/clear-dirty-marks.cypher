// Purpose: clear the similarity marks the refresher has handled, unless an event touched the item
// again meanwhile (then it stays dirty and is recomputed on a later round).
// markedAt is the item's last touch as the find-*-dirty-items queries read it (similarityTouchedAt;
// similarityDirtyAt for a mark written before touches were recorded).
// Parameters: $marks (list of {item: elementId, markedAt}). Returns: cleared. Mode: write
UNWIND $marks AS mark
MATCH (i:Item)
WHERE elementId(i) = mark.item AND coalesce(i.similarityTouchedAt, i.similarityDirtyAt) = mark.markedAt
REMOVE i.similarityDirtyAt, i.similarityTouchedAt
RETURN count(i) AS cleared
LIMIT 1
