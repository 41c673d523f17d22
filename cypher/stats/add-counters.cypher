// Purpose: add to daily statistics counters (recommendation requests counted by an instance).
// Parameters: $counters (list of maps: siteId, day, scenario, metric, currency, value). Returns: added. Mode: write
UNWIND $counters AS k
MERGE (s:DailyStat {siteId: k.siteId, day: k.day, scenario: k.scenario, metric: k.metric, currency: k.currency})
  ON CREATE SET s.value = 0
// counts stay integers; only revenue is a decimal sum
SET s.value = s.value + CASE WHEN k.metric = 'revenue' THEN k.value ELSE toInteger(k.value) END
RETURN count(*) AS added
