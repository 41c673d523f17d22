// Purpose: delete a scenario.
// Parameters: $siteId, $id. Returns: id (no row when there was none). Mode: write
MATCH (s:Scenario {siteId: $siteId, id: $id})
WITH s, s.id AS id
DELETE s
RETURN id
LIMIT 1
