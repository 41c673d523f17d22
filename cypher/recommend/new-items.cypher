// Purpose: the most recently added items, read in index order
// (item_site_* indexes) a page at a time.
// Parameters: $siteId, $skip, $limit.
// Returns: type, id, score, sources (null), properties, categories. Mode: read
// The same page for every visitor of the site: the recommender drops the user's excluded items
// (models/ranked-list-model.ts), so pages are cached per site.
// The index gives the order only with its siteId prefix in ORDER BY; rows are then read lazily
// until the page is full.
MATCH (j:Item {siteId: $siteId})
WHERE j.createdAt IS NOT NULL
WITH j
ORDER BY j.siteId DESC, j.createdAt DESC
WITH j, toFloat(j.createdAt) AS score, null AS sources
SKIP toInteger($skip)
LIMIT toInteger($limit)
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
