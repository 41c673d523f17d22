// Purpose: interaction counts of items per type: ever, in the current window and in the previous
// one, for the popular and trending scores.
// Parameters: $items (elementIds), $since (start of the current window, epoch ms), $previousSince.
// Returns: item, deleted, counts (list of {kind, allTime, current, previous}). Mode: read
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $items AS itemElementId
MATCH (i:Item)
WHERE elementId(i) = itemElementId
CALL (i) {
  OPTIONAL MATCH (i)<-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED]-(:User)
  WITH type(r) AS kind, count(r) AS allTime,
    sum(CASE WHEN r.lastAt >= $since THEN 1 ELSE 0 END) AS current,
    sum(CASE WHEN r.firstAt < $since AND r.lastAt >= $previousSince THEN 1 ELSE 0 END) AS previous
  WHERE kind IS NOT NULL
  RETURN collect({kind: kind, allTime: allTime, current: current, previous: previous}) AS counts
}
RETURN itemElementId AS item, i.deletedAt IS NOT NULL AS deleted, counts
LIMIT size($items)
