// Purpose: co-occurrence of dirty items in CONSUMED histories (for also_consumed): per item, a bounded sample
// of its most recent users (at most $scanLimit edges read, $sampleSize users kept; users with more
// than $maxUserItems such items are skipped as robots), the other items those users have, and the
// current also_consumed edges around the item.
// Parameters: $items (elementIds), $model, $scanLimit, $sampleSize, $maxUserItems, $iufExponent.
// Returns: item, degree, sampled, the neighbours as parallel lists (neighbourItems, cooccurrences,
//   degrees; plain values decode far faster than a map per neighbour), outEdges, inEdges (lists of
//   {item, score}). Mode: read
// replan=skip: every pattern starts from the item sought by elementId or from nodes bound before
// it, so the plan is the same on an empty graph and on the 1M-event benchmark graph (compared
// operator by operator). The refresher runs all through ingestion, and on a young graph each
// replan of this read took a core for 400-750 ms while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $items AS itemElementId
MATCH (i:Item)
WHERE elementId(i) = itemElementId
CALL (i) {
  OPTIONAL MATCH (i)<-[r:CONSUMED]-(u:User)
  WITH r, u
  LIMIT toInteger($scanLimit)
  WITH r, u
  ORDER BY r.lastAt DESC
  LIMIT toInteger($sampleSize)
  RETURN collect(u) AS users
}
CALL (i, users) {
  UNWIND users AS u
  WITH u, COUNT { (u)-[:CONSUMED]->() } AS userDegree
  WHERE userDegree <= $maxUserItems
  MATCH (u)-[:CONSUMED]->(j)
  WHERE j <> i
  WITH j, sum(1.0 / (userDegree ^ $iufExponent)) AS cooccurrence
  WHERE j.deletedAt IS NULL
  WITH j, cooccurrence, COUNT { (j)<-[:CONSUMED]-() } AS degree
  RETURN collect(elementId(j)) AS neighbourItems, collect(cooccurrence) AS cooccurrences,
    collect(degree) AS degrees
}
RETURN itemElementId AS item, COUNT { (i)<-[:CONSUMED]-() } AS degree, size(users) AS sampled,
  neighbourItems, cooccurrences, degrees,
  [(i)-[s:SIMILAR]->(j) WHERE s.model = $model | {item: elementId(j), score: s.score}] AS outEdges,
  [(j)-[s:SIMILAR]->(i) WHERE s.model = $model | {item: elementId(j), score: s.score}] AS inEdges
LIMIT size($items)
