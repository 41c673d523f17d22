// Purpose: where the statistics rollup stands: every event stored at or before `until` is counted.
// Parameters: $name. Returns: until (epoch ms; no row before the first rollup). Mode: read
// replan=skip: a unique-index seek whatever the statistics. The rollup reads its cursor all
// through ingestion, and on a young graph a replan of this statement took 52 ms while event
// writes queued (ADR 0009).
CYPHER replan=skip
MATCH (c:StatsCursor {name: $name})
RETURN c.until AS until
