// Purpose: when the first event (idempotency record) stored after $after was stored, across all
// sites: the statistics rollup skips a quiet stretch in one step instead of reading it range by
// range, and its first run starts at the oldest event kept.
// Parameters: $after (epoch ms). Returns: storedAt (epoch ms; no row when none is later). Mode: read
MATCH (e:Event)
WHERE e.storedAt > toInteger($after)
RETURN e.storedAt AS storedAt
ORDER BY e.storedAt
LIMIT 1
