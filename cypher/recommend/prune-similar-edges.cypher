// Purpose: keep only the best $keep outgoing SIMILAR edges of one model on each given item.
// Parameters: $model, $keep, $items (elementIds). Returns: items. Mode: write
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
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
