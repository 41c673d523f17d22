// Purpose: for analysts in Neo4j Browser: a sample of one site's graph (users, items, interactions).
// Parameters: $siteId (string), $limit (integer, e.g. 100). Returns: paths. Mode: read
MATCH (u:User)
WHERE u.siteId = $siteId AND u.id IS NOT NULL
MATCH path = (u)-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED|HID]->(i:Item)
RETURN path
LIMIT toInteger($limit)
