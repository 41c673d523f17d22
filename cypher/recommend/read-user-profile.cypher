// Purpose: what the similarity models need about the requesting user, in one read: their most
// recent interactions (the personalized model's history) and the items they interacted with in a
// way the scenario excludes. The known user is read when the id was merged at login. Bounded: at
// most $scanLimit edges per interaction type for the history, then the $historyLimit most recent;
// at most $excludedLimit + 1 excluded items (excludedComplete false past that: the caller checks
// its candidates one by one instead, so a user who bought everything costs no more).
// Parameters: $siteId, $user, $scanLimit, $historyLimit (0 reads no history),
//   $excludedRelationships (relationship types), $excludedLimit.
// Returns: history (list of {type, id, relationship, lastAt, rating, percent, quantity}),
//   excluded (list of {type, id}), excludedComplete. Mode: read
OPTIONAL MATCH (known:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (known)-[:MERGED_INTO]->(merged:User)
WITH coalesce(merged, known) AS user
CALL (user) {
  CALL (user) {
    MATCH (user)-[r:BOUGHT]->(i:Item) WHERE $historyLimit > 0 WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
    UNION ALL
    MATCH (user)-[r:BASKETED]->(i:Item) WHERE $historyLimit > 0 WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
    UNION ALL
    MATCH (user)-[r:RATED]->(i:Item) WHERE $historyLimit > 0 WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
    UNION ALL
    MATCH (user)-[r:CONSUMED]->(i:Item) WHERE $historyLimit > 0 WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
    UNION ALL
    MATCH (user)-[r:VIEWED]->(i:Item) WHERE $historyLimit > 0 WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
    UNION ALL
    MATCH (user)-[r:HID]->(i:Item) WHERE $historyLimit > 0 WITH r, i LIMIT toInteger($scanLimit) RETURN r, i
  }
  WITH r, i
  ORDER BY r.lastAt DESC
  LIMIT toInteger($historyLimit)
  RETURN collect({type: i.type, id: i.id, relationship: type(r), lastAt: r.lastAt, rating: r.rating,
    percent: r.percent, quantity: r.quantity}) AS history
}
CALL (user) {
  CALL (user) {
    MATCH (user)-[:BOUGHT]->(i:Item) WHERE 'BOUGHT' IN $excludedRelationships RETURN i
    UNION ALL
    MATCH (user)-[:BASKETED]->(i:Item) WHERE 'BASKETED' IN $excludedRelationships RETURN i
    UNION ALL
    MATCH (user)-[:RATED]->(i:Item) WHERE 'RATED' IN $excludedRelationships RETURN i
    UNION ALL
    MATCH (user)-[:CONSUMED]->(i:Item) WHERE 'CONSUMED' IN $excludedRelationships RETURN i
    UNION ALL
    MATCH (user)-[:VIEWED]->(i:Item) WHERE 'VIEWED' IN $excludedRelationships RETURN i
    UNION ALL
    MATCH (user)-[:HID]->(i:Item) WHERE 'HID' IN $excludedRelationships RETURN i
  }
  WITH i
  LIMIT toInteger($excludedLimit) + 1
  RETURN collect({type: i.type, id: i.id}) AS excluded
}
RETURN history, excluded[..toInteger($excludedLimit)] AS excluded,
  size(excluded) <= $excludedLimit AS excludedComplete
