// Purpose: the context items of a request: their categories (category filters) and content tokens
// (similar_content).
// Parameters: $siteId, $context (list of {type, id}). Returns: type, id, contentTokens, categories. Mode: read
UNWIND $context AS key
MATCH (c:Item {siteId: $siteId, type: key.type, id: key.id})
RETURN c.type AS type, c.id AS id, c.contentTokens AS contentTokens,
  [(c)-[:IN_CATEGORY]->(category:Category) | category.path][..20] AS categories
LIMIT size($context)
