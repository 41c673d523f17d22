// Purpose: for benchmarks and the quality harness: remove a batch of a throw-away site's nodes
// (with their relationships), events and users first; run again until every count is 0. Never used by the service.
// Parameters: $siteId (string), $limit (nodes per label per call).
// Returns: events, users, items, others (nodes deleted by this call). Mode: write
CALL () {
  MATCH (n:Event {siteId: $siteId})
  WHERE n.id IS NOT NULL
  WITH n LIMIT toInteger($limit)
  DETACH DELETE n
  RETURN count(*) AS events
}
CALL () {
  MATCH (n:User {siteId: $siteId})
  WHERE n.id IS NOT NULL
  WITH n LIMIT toInteger($limit)
  DETACH DELETE n
  RETURN count(*) AS users
}
CALL () {
  // once the users (and so the interactions) are gone; a tenth as many, as each item still holds
  // hundreds of SIMILAR edges and a bestseller's interactions would not fit one transaction
  MATCH (n:Item {siteId: $siteId})
  WHERE n.type IS NOT NULL AND n.id IS NOT NULL
    AND NOT EXISTS { MATCH (u:User {siteId: $siteId}) WHERE u.id IS NOT NULL }
  WITH n LIMIT toInteger($limit / 10)
  DETACH DELETE n
  RETURN count(*) AS items
}
CALL () {
  CALL () {
    MATCH (n:Category {siteId: $siteId}) WHERE n.path IS NOT NULL RETURN n
    UNION
    MATCH (n:Scenario {siteId: $siteId}) WHERE n.id IS NOT NULL RETURN n
    UNION
    MATCH (n:Recommendation {siteId: $siteId}) WHERE n.id IS NOT NULL RETURN n
    UNION
    MATCH (n:DailyStat {siteId: $siteId})
    WHERE n.day IS NOT NULL AND n.scenario IS NOT NULL AND n.metric IS NOT NULL AND n.currency IS NOT NULL
    RETURN n
  }
  WITH n LIMIT toInteger($limit)
  DETACH DELETE n
  RETURN count(*) AS others
}
CALL () {
  // the site itself once everything else is gone, so a half-cleaned site can still be found
  OPTIONAL MATCH (n:Site {id: $siteId})
  WHERE NOT EXISTS { MATCH (e:Event {siteId: $siteId}) WHERE e.id IS NOT NULL }
    AND NOT EXISTS { MATCH (u:User {siteId: $siteId}) WHERE u.id IS NOT NULL }
    AND NOT EXISTS { MATCH (i:Item {siteId: $siteId}) WHERE i.type IS NOT NULL AND i.id IS NOT NULL }
  DETACH DELETE n
  RETURN count(n) AS sites
}
RETURN events, users, items, others + sites AS others
LIMIT 1
