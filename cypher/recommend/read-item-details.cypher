// Purpose: what the request path needs of candidate items to filter and show them: their
// properties (availability, validity, display fields, attr_* attributes; not the content tokens)
// and category paths. An item that does not exist returns no row.
// Parameters: $siteId, $items (list of {type, id}).
// Returns: type, id, properties, categories. Mode: read
UNWIND $items AS key
MATCH (j:Item {siteId: $siteId, type: key.type, id: key.id})
RETURN j.type AS type, j.id AS id, j {.*, contentTokens: null} AS properties,
  [(j)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
