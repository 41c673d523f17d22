// Purpose: one scenario's stored configuration.
// Parameters: $siteId, $id. Returns: id, config (JSON string), updatedAt (epoch ms). Mode: read
MATCH (s:Scenario {siteId: $siteId, id: $id})
RETURN s.id AS id, s.config AS config, s.updatedAt AS updatedAt
LIMIT 1
