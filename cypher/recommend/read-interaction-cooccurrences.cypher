// Purpose: co-occurrence of dirty items over every positive interaction (view, consume, basket,
// buy, rate: the personalized model): per item, a bounded sample of its most recent users (at most
// $scanLimit edges read, $sampleSize distinct users kept, users with more than $maxUserItems
// interactions skipped as robots), the other items those users have, and the current edges.
// An item's degree is its largest per-type user count (distinct users without reading every edge).
// Parameters: $items (elementIds), $model, $scanLimit, $sampleSize, $maxUserItems, $iufExponent.
// Returns: item, degree, sampled, the neighbours as parallel lists (neighbourItems, cooccurrences,
//   degrees, floors: -1 where a neighbour has no floor yet), outEdges, inEdges (lists of {item, score}).
//   Parallel lists of plain values, not a map per neighbour: the driver decoded an item's thousands
//   of neighbour maps (six key strings each) in one synchronous stretch, the service's longest
//   event-loop stalls while the refresher drained a backlog. Mode: read
// replan=skip: every pattern starts from the item sought by elementId or from nodes bound before
// it, so the plan is the same on an empty graph and on the 1M-event benchmark graph (compared
// operator by operator). The refresher runs all through ingestion, and on a young graph each
// replan of this read took a core for 400-750 ms while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $items AS itemElementId
MATCH (i:Item)
WHERE elementId(i) = itemElementId
CALL (i) {
  OPTIONAL MATCH (i)<-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED]-(u:User)
  WITH r, u
  LIMIT toInteger($scanLimit)
  WITH u, max(r.lastAt) AS lastAt
  ORDER BY lastAt DESC
  LIMIT toInteger($sampleSize)
  RETURN collect(u) AS users
}
CALL (i, users) {
  UNWIND users AS u
  WITH u, COUNT { (u)-[:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED]->() } AS userDegree
  WHERE userDegree <= $maxUserItems
  MATCH (u)-[:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED]->(j)
  WHERE j <> i
  WITH DISTINCT u, userDegree, j
  WITH j, sum(1.0 / (userDegree ^ $iufExponent)) AS cooccurrence
  WHERE j.deletedAt IS NULL
  WITH j, cooccurrence, reduce(largest = 0, count IN [COUNT { (j)<-[:VIEWED]-() },
      COUNT { (j)<-[:CONSUMED]-() }, COUNT { (j)<-[:BASKETED]-() }, COUNT { (j)<-[:BOUGHT]-() },
      COUNT { (j)<-[:RATED]-() }] | CASE WHEN count > largest THEN count ELSE largest END) AS degree
  RETURN collect(elementId(j)) AS neighbourItems, collect(cooccurrence) AS cooccurrences,
    collect(degree) AS degrees, collect(coalesce(j.personalizedFloor, -1.0)) AS floors
}
RETURN itemElementId AS item,
  reduce(largest = 0, count IN [COUNT { (i)<-[:VIEWED]-() }, COUNT { (i)<-[:CONSUMED]-() },
    COUNT { (i)<-[:BASKETED]-() }, COUNT { (i)<-[:BOUGHT]-() }, COUNT { (i)<-[:RATED]-() }] |
    CASE WHEN count > largest THEN count ELSE largest END) AS degree,
  size(users) AS sampled, neighbourItems, cooccurrences, degrees, floors,
  [(i)-[s:SIMILAR]->(j) WHERE s.model = $model | {item: elementId(j), score: s.score}] AS outEdges,
  [(j)-[s:SIMILAR]->(i) WHERE s.model = $model | {item: elementId(j), score: s.score}] AS inEdges
LIMIT size($items)
