// Purpose: a site's daily statistics counters for the UTC days from $from to $to (inclusive).
// Parameters: $siteId, $from, $to (YYYY-MM-DD). Returns: day, scenario, metric, currency, value. Mode: read
MATCH (s:DailyStat {siteId: $siteId})
WHERE s.day >= $from AND s.day <= $to
  AND s.scenario IS NOT NULL AND s.metric IS NOT NULL AND s.currency IS NOT NULL
RETURN s.day AS day, s.scenario AS scenario, s.metric AS metric, s.currency AS currency, s.value AS value
