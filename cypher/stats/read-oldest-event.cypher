// Purpose: when the oldest stored event (idempotency record) was stored, across all sites: the
// first statistics rollup counts from there, so a database that had events before statistics
// existed gets the retention window's worth of history.
// Parameters: none. Returns: storedAt (epoch ms; no row when there are no events). Mode: read
MATCH (e:Event)
WHERE e.storedAt IS NOT NULL
RETURN e.storedAt AS storedAt
ORDER BY e.storedAt
LIMIT 1
