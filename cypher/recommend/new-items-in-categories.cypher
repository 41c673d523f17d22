// Purpose: the most recently added items, restricted to the given categories and everything below them; bounded by
// the categories' size, a page at a time.
// Parameters: $siteId, $categories (paths), $skip, $limit.
// Returns: type, id, score, sources (null), properties, categories. Mode: read
// The same page for every visitor of the site: the recommender drops the user's excluded items
// (models/ranked-list-model.ts), so pages are cached per site.
UNWIND $categories AS path
MATCH (root:Category {siteId: $siteId, path: path})
// from the category downwards: on a small graph the planner would rather scan every IN_CATEGORY
CALL (root) {
  MATCH (root)<-[:PARENT*0..10]-(:Category)<-[:IN_CATEGORY]-(j:Item)
  RETURN j
}
WITH DISTINCT j
WHERE j.createdAt IS NOT NULL
WITH j
ORDER BY j.createdAt DESC, j.type, j.id
WITH j, toFloat(j.createdAt) AS score, null AS sources
SKIP toInteger($skip)
LIMIT toInteger($limit)
RETURN j.type AS type, j.id AS id, score, sources, properties(j) AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
