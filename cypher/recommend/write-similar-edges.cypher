// Purpose: set or delete materialised SIMILAR edges of one model (the refresher's diff).
// Parameters: $model, $now (epoch ms), $edges (list of {from, to: elementIds, score: number or null to delete}).
// Returns: written. Mode: write
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
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
