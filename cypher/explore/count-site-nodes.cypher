// Purpose: for analysts: how many nodes of each label a site holds. Each count seeks the label's
// (siteId, ...) uniqueness index, so the cost is the site's size, not the database's.
// Parameters: $siteId (string). Returns: label, nodes. Mode: read
CALL () {
  MATCH (n:User) WHERE n.siteId = $siteId AND n.id IS NOT NULL RETURN 'User' AS label, count(n) AS nodes
  UNION ALL
  MATCH (n:Item) WHERE n.siteId = $siteId AND n.type IS NOT NULL AND n.id IS NOT NULL RETURN 'Item' AS label, count(n) AS nodes
  UNION ALL
  MATCH (n:Event) WHERE n.siteId = $siteId AND n.id IS NOT NULL RETURN 'Event' AS label, count(n) AS nodes
  UNION ALL
  MATCH (n:Category) WHERE n.siteId = $siteId AND n.path IS NOT NULL RETURN 'Category' AS label, count(n) AS nodes
  UNION ALL
  MATCH (n:Scenario) WHERE n.siteId = $siteId AND n.id IS NOT NULL RETURN 'Scenario' AS label, count(n) AS nodes
  UNION ALL
  MATCH (n:Recommendation) WHERE n.siteId = $siteId AND n.id IS NOT NULL RETURN 'Recommendation' AS label, count(n) AS nodes
}
WITH label, nodes
WHERE nodes > 0
RETURN label, nodes
ORDER BY nodes DESC
