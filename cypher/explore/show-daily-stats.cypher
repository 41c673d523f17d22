// Purpose: for analysts in Neo4j Browser: a site's daily counters behind GET /v1/stats (scenario ''
// is the site as a whole; metrics events.<type>, revenue, requests, subscriptions, impressions,
// itemsShown, clicks, purchases, attributedRevenue).
// Parameters: $siteId, $days (e.g. 7). Returns: day, scenario, metric, currency, value. Mode: read
MATCH (s:DailyStat {siteId: $siteId})
WHERE s.day >= toString(date() - duration({days: toInteger($days)}))
  AND s.scenario IS NOT NULL AND s.metric IS NOT NULL AND s.currency IS NOT NULL
RETURN s.day AS day, s.scenario AS scenario, s.metric AS metric, s.currency AS currency, s.value AS value
ORDER BY day DESC, scenario, metric
