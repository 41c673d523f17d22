// Purpose: for analysts in Neo4j Browser: a site's most popular and trending items as the refresher
// scored them (popularityRank: weighted users in the last 7 days + all-time tie-break below 1).
// Parameters: $siteId, $limit (e.g. 20). Returns: id, type, title, popularityRank, trendingScore. Mode: read
MATCH (i:Item {siteId: $siteId})
WHERE i.popularityRank > 0
RETURN i.id AS id, i.type AS type, i.title AS title, i.popularityRank AS popularityRank, i.trendingScore AS trendingScore
ORDER BY i.siteId DESC, i.popularityRank DESC
LIMIT toInteger($limit)
