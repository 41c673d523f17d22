// Purpose: create the category hierarchy of a catalogue batch: each path once, linked to its parent.
// Parameters: $siteId, $categories (list of {path, name, parent}; parents listed before children).
// Returns: categories (how many were merged). Mode: write
UNWIND $categories AS category
MERGE (c:Category {siteId: $siteId, path: category.path})
  ON CREATE SET c.name = category.name
WITH c, category
CALL (c, category) {
  WITH c, category
  WHERE category.parent IS NOT NULL
  MATCH (parent:Category {siteId: $siteId, path: category.parent})
  MERGE (c)-[:PARENT]->(parent)
}
RETURN count(c) AS categories
LIMIT 1
