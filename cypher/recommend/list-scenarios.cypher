// Purpose: the scenarios a site has configured, by id.
// Parameters: $siteId, $limit. Returns: id, config (JSON string), updatedAt (epoch ms). Mode: read
MATCH (s:Scenario)
WHERE s.siteId = $siteId AND s.id IS NOT NULL
RETURN s.id AS id, s.config AS config, s.updatedAt AS updatedAt
ORDER BY s.id
LIMIT toInteger($limit)
