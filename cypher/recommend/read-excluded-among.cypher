// Purpose: which of some candidate items the user (the known user when the id was merged at login)
// interacted with in an excluded way; for users with more excluded interactions than
// read-user-profile lists. Cost: one index seek and one relationship check per candidate.
// Parameters: $siteId, $user, $excludedRelationships (relationship types), $items (list of {type, id}).
// Returns: type, id. Mode: read
MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
UNWIND $items AS key
MATCH (j:Item {siteId: $siteId, type: key.type, id: key.id})
WHERE EXISTS { MATCH (user)-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED|HID]->(j) WHERE type(r) IN $excludedRelationships }
RETURN j.type AS type, j.id AS id
LIMIT size($items)
