// Purpose: the person behind each user id: the known user it was merged into at login, or itself
// (also when no User node exists), for attributing purchases to recommendation clicks.
// Parameters: $users (list of maps: siteId, user). Returns: siteId, user, person. Mode: read
// replan=skip: every read is an index seek (a range seek in storedAt order), a unique-index seek
// or an expansion from bound nodes, whatever the statistics (explain-every-query checks the plan
// made on an empty graph). The rollup runs all through ingestion, and on a young graph each of its
// replans took a core for a moment while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $users AS row
OPTIONAL MATCH (:User {siteId: row.siteId, id: row.user})-[:MERGED_INTO]->(known:User)
RETURN row.siteId AS siteId, row.user AS user, coalesce(known.id, row.user) AS person
