// Purpose: erase a user (DELETE /v1/users/{id}) in one transaction, so a retry after any failure
// starts from the same graph: the person the id belongs to (the known user when the id is an
// anonymous id merged into one), every anonymous id merged into them, and all their interactions.
// Their idempotency records (Event nodes) stay until pruned but lose every personal field (user,
// item, recommendation), so a late retry of one of their events is still a duplicate and cannot
// bring the data back. Impressions and clicks leave Event nodes without a User node: those are
// scrubbed by the id even when no user is left. The items the person interacted with are marked
// for the similarity refresher, which recomputes their lists and popularity without them.
// Cost: one index range over the site's stored events (pruned after the retention window).
// Parameters: $siteId, $user, $now (epoch ms).
// Returns: users (ids erased; [$user] when no such user), usersErased, items (marked), events (scrubbed). Mode: write
OPTIONAL MATCH (given:User {siteId: $siteId, id: $user})
OPTIONAL MATCH (given)-[:MERGED_INTO]->(known:User)
WITH coalesce(known, given) AS person
OPTIONAL MATCH (alias:User)-[:MERGED_INTO]->(person)
WITH person, collect(alias) AS aliases
WITH CASE WHEN person IS NULL THEN [] ELSE [person] + aliases END AS people
WITH people, CASE WHEN size(people) = 0 THEN [$user] ELSE [u IN people | u.id] END AS ids
CALL (people) {
  UNWIND people AS u
  MATCH (u)-[:VIEWED|CONSUMED|BASKETED|BOUGHT|RATED]->(i:Item)
  WITH DISTINCT i
  // As tracking marks an item (store-events): the refresher clears a mark only if no touch came since.
  SET i.similarityTouchedAt = toInteger($now),
      i.similarityDirtyAt = coalesce(i.similarityDirtyAt, toInteger($now))
  RETURN count(i) AS items
}
CALL (ids) {
  MATCH (e:Event {siteId: $siteId})
  WHERE e.id IS NOT NULL AND (e.user IN ids OR e.knownUser IN ids)
  REMOVE e.user, e.knownUser, e.item, e.itemType, e.recommendationId
  SET e.erasedAt = toInteger($now)
  RETURN count(e) AS events
}
CALL (people) {
  UNWIND people AS u
  DETACH DELETE u
}
RETURN ids AS users, size(people) AS usersErased, items, events
