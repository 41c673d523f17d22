// Purpose: where the statistics rollup stands: every event stored at or before `until` is counted.
// Parameters: $name. Returns: until (epoch ms; no row before the first rollup). Mode: read
MATCH (c:StatsCursor {name: $name})
RETURN c.until AS until
