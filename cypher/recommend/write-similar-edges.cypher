// Purpose: set or delete materialised SIMILAR edges of one model (the refresher's diff).
// Parameters: $model, $now (epoch ms), $edges (list of {from, to: elementIds, score: number or null to delete}).
// Returns: written. Mode: write
UNWIND $edges AS edge
MATCH (from:Item)
WHERE elementId(from) = edge.from
MATCH (to:Item)
WHERE elementId(to) = edge.to
CALL (from, to, edge) {
  WITH from, to, edge
  WHERE edge.score IS NULL
  MATCH (from)-[s:SIMILAR {model: $model}]->(to)
  DELETE s
}
CALL (from, to, edge) {
  WITH from, to, edge
  WHERE edge.score IS NOT NULL
  MERGE (from)-[s:SIMILAR {model: $model}]->(to)
  SET s.score = edge.score, s.updatedAt = toInteger($now)
}
RETURN count(*) AS written
LIMIT 1
