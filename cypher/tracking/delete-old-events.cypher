// Purpose: prune idempotency records (Event nodes) stored before a cut-off, in bounded batches.
// A maintenance statement across all sites: it ages records by storedAt (when the service stored
// them, indexed), not by the event time, so a historic import stays deduplicated for the whole window.
// Only records the statistics rollup has counted go (storedAt at or before its cursor): a rollup that
// has stalled for longer than the retention never loses events, they wait for it. No cursor yet
// (the rollup never ran): nothing is deleted.
// Parameters: $before (epoch ms), $cursor (StatsCursor name), $limit (integer).
// Returns: deleted (integer). Mode: write
MATCH (c:StatsCursor {name: $cursor})
WITH CASE WHEN c.until + 1 < toInteger($before) THEN c.until + 1 ELSE toInteger($before) END AS cutOff
MATCH (e:Event)
WHERE e.storedAt < cutOff
WITH e
LIMIT toInteger($limit)
DETACH DELETE e
RETURN count(*) AS deleted
