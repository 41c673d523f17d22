// Purpose: keep only the best $keep outgoing SIMILAR edges of one model on each given item.
// Parameters: $model, $keep, $items (elementIds). Returns: items. Mode: write
UNWIND $items AS itemElementId
MATCH (i:Item)
WHERE elementId(i) = itemElementId
CALL (i) {
  MATCH (i)-[s:SIMILAR]->()
  WHERE s.model = $model
  WITH s
  ORDER BY s.score DESC
  SKIP toInteger($keep)
  DELETE s
}
RETURN count(i) AS items
LIMIT 1
