// Purpose: store login events exactly once and merge each anonymous user into the known user:
// (anon)-[:MERGED_INTO]->(known), the anonymous interactions folded onto the known user's
// (counts summed, first/last times widened, quantity and revenue summed, percent maximum,
// latest rating), aliases of the anonymous user re-pointed so every alias is one hop from its
// known user. The first login of an anonymous id wins; a merged user is never merged again, and a
// login towards one's own alias is ignored (no cycles). Runs after tracking/store-events in a flush.
// Parameters: $batch (a map: logins, a list of maps: siteId, id, type, user, knownUser, at,
//   payloadHash), $now (epoch ms).
// Returns: siteId, id, isNew, storedHash, resolvedUser (one row per input row). Mode: write
// replan=skip: every read here is a unique-index seek or an Expand(Into) between bound nodes,
// whatever the statistics (explain-every-query checks the plan made on an empty graph), so a
// replan cannot improve it and would only stall the writes queued behind it.
// The rows come inside a map, so that the plan does not depend on their number (store-events).
CYPHER replan=skip
WITH toInteger(rand() * 9007199254740991) AS writeToken
UNWIND $batch.logins AS ev
MERGE (e:Event {siteId: ev.siteId, id: ev.id})
  ON CREATE SET e.type = ev.type, e.user = ev.user, e.knownUser = ev.knownUser, e.at = toInteger(ev.at),
    e.payloadHash = ev.payloadHash, e.storedAt = toInteger($now), e.writeToken = writeToken
WITH ev, e.writeToken = writeToken AS isNew, e.payloadHash AS storedHash
OPTIONAL CALL (ev, isNew) {
  WITH ev
  WHERE isNew AND ev.user <> ev.knownUser
  MERGE (anon:User {siteId: ev.siteId, id: ev.user})
    ON CREATE SET anon.createdAt = toInteger($now)
  // Lock both users before reading their aliases and interactions (see tracking/store-events).
  SET anon.lastEventAt = toInteger($now)
  MERGE (named:User {siteId: ev.siteId, id: ev.knownUser})
    ON CREATE SET named.createdAt = toInteger($now)
  SET named.lastEventAt = toInteger($now)
  WITH ev, anon, named
  OPTIONAL MATCH (named)-[:MERGED_INTO]->(namedTarget:User)
  WITH ev, anon, coalesce(namedTarget, named) AS known
  WHERE anon <> known AND NOT EXISTS { (anon)-[:MERGED_INTO]->(:User) }
  MERGE (anon)-[m:MERGED_INTO]->(known)
    ON CREATE SET m.at = toInteger(ev.at), m.eventId = ev.id
  WITH anon, known
  CALL (anon, known) {
    MATCH (alias:User)-[old:MERGED_INTO]->(anon)
    MERGE (alias)-[moved:MERGED_INTO]->(known)
      ON CREATE SET moved.at = old.at, moved.eventId = old.eventId
    DELETE old
  }
  CALL (anon, known) {
    MATCH (anon)-[r:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED|HID]->(i:Item)
    // One static type per branch: a MERGE with a dynamic type is planned as a scan of every
    // relationship in the database when the plan is made on a small graph (see store-events).
    CALL (known, r, i) {
      WITH known, r, i WHERE r:VIEWED MERGE (known)-[t:VIEWED]->(i) RETURN t
      UNION ALL
      WITH known, r, i WHERE r:CONSUMED MERGE (known)-[t:CONSUMED]->(i) RETURN t
      UNION ALL
      WITH known, r, i WHERE r:BASKETED MERGE (known)-[t:BASKETED]->(i) RETURN t
      UNION ALL
      WITH known, r, i WHERE r:BOUGHT MERGE (known)-[t:BOUGHT]->(i) RETURN t
      UNION ALL
      WITH known, r, i WHERE r:RATED MERGE (known)-[t:RATED]->(i) RETURN t
      UNION ALL
      WITH known, r, i WHERE r:HID MERGE (known)-[t:HID]->(i) RETURN t
    }
    // rating and categoryPath first: they compare with lastAt before lastAt moves.
    SET t.rating = CASE WHEN r.rating IS NULL THEN t.rating
          WHEN t.lastAt IS NULL OR r.lastAt >= t.lastAt THEN r.rating ELSE t.rating END,
        t.categoryPath = CASE WHEN r.categoryPath IS NULL THEN t.categoryPath
          WHEN t.lastAt IS NULL OR r.lastAt >= t.lastAt THEN r.categoryPath ELSE t.categoryPath END,
        t.count = coalesce(t.count, 0) + coalesce(r.count, 0),
        t.firstAt = CASE WHEN t.firstAt IS NULL OR r.firstAt < t.firstAt THEN r.firstAt ELSE t.firstAt END,
        t.lastAt = CASE WHEN t.lastAt IS NULL OR r.lastAt > t.lastAt THEN r.lastAt ELSE t.lastAt END,
        t.quantity = CASE WHEN r.quantity IS NULL THEN t.quantity ELSE coalesce(t.quantity, 0) + r.quantity END,
        t.revenue = CASE WHEN r.revenue IS NULL THEN t.revenue ELSE coalesce(t.revenue, 0.0) + r.revenue END,
        t.currency = coalesce(r.currency, t.currency),
        t.percent = CASE WHEN r.percent IS NULL THEN t.percent
          WHEN t.percent IS NULL OR r.percent > t.percent THEN r.percent ELSE t.percent END,
        t.removedAt = CASE WHEN r.removedAt IS NULL THEN t.removedAt
          WHEN t.removedAt IS NULL OR r.removedAt > t.removedAt THEN r.removedAt ELSE t.removedAt END
    DELETE r
    // the item's co-occurrences changed: its similarity list needs refreshing (as in store-events)
    SET i.similarityTouchedAt = toInteger($now),
        i.similarityDirtyAt = coalesce(i.similarityDirtyAt, toInteger($now))
  }
  RETURN known.id AS resolvedUser
}
RETURN ev.siteId AS siteId, ev.id AS id, isNew, storedHash, resolvedUser
LIMIT toInteger(size($batch.logins))
