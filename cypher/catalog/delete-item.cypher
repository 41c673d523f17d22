// Purpose: remove an item from the catalogue. The node stays (its interactions feed statistics and
// attribution) but loses its catalogue fields, categories, scores and similarity links, and is
// marked deletedAt so that no model returns it; a later upsert brings it back.
// Parameters: $siteId, $type, $id, $now (epoch ms). Returns: id (no row when there is no such item). Mode: write
MATCH (i:Item {siteId: $siteId, type: $type, id: $id})
CALL (i) {
  MATCH (i)-[link:IN_CATEGORY|SIMILAR]-()
  DELETE link
}
WITH i, [key IN keys(i) WHERE key STARTS WITH 'attr_'] AS attributes
FOREACH (key IN attributes | REMOVE i[key])
SET i.deletedAt = toInteger($now)
REMOVE i.title, i.url, i.image, i.price, i.currency, i.available, i.validFrom, i.validTo, i.contentTokens,
  i.popularityRank, i.popularScore, i.trendingScore, i.personalizedFloor, i.catalogUpdatedAt
RETURN i.id AS id
LIMIT 1
