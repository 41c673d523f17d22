// Purpose: the person behind each user id: the known user it was merged into at login, or itself
// (also when no User node exists), for attributing purchases to recommendation clicks.
// Parameters: $users (list of maps: siteId, user). Returns: siteId, user, person. Mode: read
UNWIND $users AS row
OPTIONAL MATCH (:User {siteId: row.siteId, id: row.user})-[:MERGED_INTO]->(known:User)
RETURN row.siteId AS siteId, row.user AS user, coalesce(known.id, row.user) AS person
