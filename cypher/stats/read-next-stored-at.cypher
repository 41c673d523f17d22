// Purpose: when the first event (idempotency record) stored after $after was stored, across all
// sites: the statistics rollup skips a quiet stretch in one step instead of reading it range by
// range, and its first run starts at the oldest event kept.
// Parameters: $after (epoch ms). Returns: storedAt (epoch ms; no row when none is later). Mode: read
// replan=skip: every read is an index seek (a range seek in storedAt order), a unique-index seek
// or an expansion from bound nodes, whatever the statistics (explain-every-query checks the plan
// made on an empty graph). The rollup runs all through ingestion, and on a young graph each of its
// replans took a core for a moment while event writes queued (ADR 0009).
CYPHER replan=skip
MATCH (e:Event)
WHERE e.storedAt > toInteger($after)
RETURN e.storedAt AS storedAt
ORDER BY e.storedAt
LIMIT 1
