// Purpose: a user's most recent interactions (the known user when the id was merged at login),
// for the personalized model. Bounded twice: at most $scanLimit edges read per interaction type
// (a user who viewed everything costs no more than that), then the $limit most recent.
// Parameters: $siteId, $user, $scanLimit, $limit.
// Returns: type, id, relationship, lastAt, rating, percent, quantity. Mode: read
MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
CALL (user) {
  MATCH (user)-[r:BOUGHT]->(i:Item) WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
  UNION ALL
  MATCH (user)-[r:BASKETED]->(i:Item) WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
  UNION ALL
  MATCH (user)-[r:RATED]->(i:Item) WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
  UNION ALL
  MATCH (user)-[r:CONSUMED]->(i:Item) WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
  UNION ALL
  MATCH (user)-[r:VIEWED]->(i:Item) WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
  UNION ALL
  MATCH (user)-[r:HID]->(i:Item) WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
}
WITH r, i
ORDER BY r.lastAt DESC
LIMIT toInteger($limit)
RETURN i.type AS type, i.id AS id, type(r) AS relationship, r.lastAt AS lastAt, r.rating AS rating, r.percent AS percent, r.quantity AS quantity
