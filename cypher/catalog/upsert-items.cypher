// Purpose: create or replace catalogue items: every catalogue field, attr_* attribute and category
// link is set from the input (absent means removed); createdAt, interactions and similarity stay.
// Parameters: $siteId, $now (epoch ms), $items (list of {type, id, properties, attributes, categories};
//   categories must exist, see catalog/merge-categories).
// Returns: upserted (count). Mode: write
UNWIND $items AS item
MERGE (i:Item {siteId: $siteId, type: item.type, id: item.id})
  ON CREATE SET i.createdAt = toInteger($now)
WITH i, item, [key IN keys(i) WHERE key STARTS WITH 'attr_' AND NOT key IN keys(item.attributes)] AS staleAttributes
FOREACH (key IN staleAttributes | REMOVE i[key])
SET i += item.properties,
    i += item.attributes,
    i.catalogUpdatedAt = toInteger($now)
REMOVE i.deletedAt
WITH i, item
CALL (i, item) {
  MATCH (i)-[link:IN_CATEGORY]->(old:Category)
  WHERE NOT old.path IN item.categories
  DELETE link
}
CALL (i, item) {
  UNWIND item.categories AS path
  MATCH (c:Category {siteId: $siteId, path: path})
  MERGE (i)-[:IN_CATEGORY]->(c)
}
RETURN count(i) AS upserted
LIMIT 1
