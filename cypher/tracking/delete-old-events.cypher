// Purpose: prune idempotency records (Event nodes) stored before a cut-off, in bounded batches.
// A maintenance statement across all sites: it ages records by storedAt (when the service stored
// them, indexed), not by the event time, so a historic import stays deduplicated for the whole window.
// Parameters: $before (epoch ms), $limit (integer). Returns: deleted (integer). Mode: write
MATCH (e:Event)
WHERE e.storedAt < toInteger($before)
WITH e
LIMIT toInteger($limit)
DETACH DELETE e
RETURN count(*) AS deleted
