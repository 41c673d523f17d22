// Purpose: give a new site its default scenarios; existing ones are left as configured.
// Parameters: $siteId, $scenarios (list of {id, config: JSON string}), $now (epoch ms).
// Returns: scenarios (count). Mode: write
UNWIND $scenarios AS scenario
MERGE (s:Scenario {siteId: $siteId, id: scenario.id})
  ON CREATE SET s.config = scenario.config, s.createdAt = toInteger($now), s.updatedAt = toInteger($now)
RETURN count(s) AS scenarios
LIMIT 1
