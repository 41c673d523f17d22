// Purpose: create or replace a scenario's configuration.
// Parameters: $siteId, $id, $config (JSON string), $now (epoch ms).
// Returns: id, updatedAt, created (boolean). Mode: write
MERGE (s:Scenario {siteId: $siteId, id: $id})
  ON CREATE SET s.createdAt = toInteger($now)
SET s.config = $config, s.updatedAt = toInteger($now)
RETURN s.id AS id, s.updatedAt AS updatedAt, s.createdAt = toInteger($now) AS created
LIMIT 1
