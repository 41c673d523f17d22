// Purpose: the ids live subscriptions' users resolve to after a login merge: the known user an
// anonymous user was merged into, or the user itself. Unknown ids are left out.
// Parameters: $siteId, $users (list of user ids), $limit (integer). Returns: user, resolved. Mode: read
UNWIND $users AS userId
MATCH (u:User {siteId: $siteId, id: userId})
OPTIONAL MATCH (u)-[:MERGED_INTO]->(known:User)
RETURN userId AS user, coalesce(known.id, u.id) AS resolved
LIMIT toInteger($limit)
