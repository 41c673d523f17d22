// Purpose: store a micro-batch of events exactly once and fold each new one into the graph.
// The Event node (unique on siteId, id) is the idempotency record: only the transaction that
// creates it folds the event in; a concurrent transaction waits on the constraint, then finds it.
// $batch.events holds at most one row per (siteId, id) (the batcher guarantees it) and no login rows.
// Parameters: $batch (a map: events, a list of lists, one per event, named below; a list ends
//   early when the rest is null, and no impressions or clicks is null), $now (epoch ms).
// Returns: siteId, id, isNew, storedHash, resolvedUser (one row per input row). Mode: write
// replan=skip: every read here is a unique-index seek or an Expand(Into) between bound nodes,
// whatever the statistics (explain-every-query checks the plan made on an empty graph), so a
// replan cannot improve it and would only stall the writes queued behind it.
// The rows come inside a map: Neo4j keys its plan cache on the size of a list parameter (rounded up
// to a power of ten), so a bare list was planned again the first time a flush reached 11, 101 or
// 1,001 rows, up to 1.4 s after a restart with every write queued behind it. A map has no size.
CYPHER replan=skip
WITH toInteger(rand() * 9007199254740991) AS writeToken
UNWIND $batch.events AS row
// The order of STORE_EVENTS_COLUMNS in src/tracking/event-store.ts (a map per row would send every
// name with every row).
WITH writeToken, {siteId: row[0], id: row[1], type: row[2], user: row[3], itemType: row[4],
  item: row[5], at: row[6], payloadHash: row[7], interaction: row[8], marksSimilarity: row[9],
  categoryPath: row[10], rating: row[11], percent: row[12], quantity: row[13], revenue: row[14],
  currency: row[15], unbasket: row[16], recommendationId: row[17], impressions: row[18],
  clicks: row[19]} AS ev
MERGE (e:Event {siteId: ev.siteId, id: ev.id})
  ON CREATE SET e.type = ev.type, e.user = ev.user, e.itemType = ev.itemType, e.item = ev.item,
    e.at = toInteger(ev.at), e.payloadHash = ev.payloadHash, e.recommendationId = ev.recommendationId,
    e.storedAt = toInteger($now), e.writeToken = writeToken,
    // for the statistics rollup (stats/read-events-in-range); null properties are not stored
    e.revenue = ev.revenue, e.currency = ev.currency,
    e.itemsShown = CASE WHEN ev.impressions > 0 THEN ev.impressions END
// A fresh token per attempt: a transaction retried by the driver never mistakes its own earlier
// (committed but unacknowledged) attempt for a new event.
WITH ev, e.writeToken = writeToken AS isNew, e.payloadHash AS storedHash
OPTIONAL CALL (ev, isNew) {
  WITH ev
  WHERE isNew AND ev.item IS NOT NULL AND (ev.interaction IS NOT NULL OR ev.unbasket)
  MERGE (u:User {siteId: ev.siteId, id: ev.user})
    ON CREATE SET u.createdAt = toInteger($now)
  // Writing the user locks it before its alias is read: a login merging this user in a concurrent
  // transaction either commits first (and the alias is seen) or waits and then moves this event.
  SET u.lastEventAt = toInteger($now)
  WITH ev, u
  OPTIONAL MATCH (u)-[:MERGED_INTO]->(known:User)
  WITH ev, coalesce(known, u) AS user
  MERGE (i:Item {siteId: ev.siteId, type: ev.itemType, id: ev.item})
    ON CREATE SET i.createdAt = toInteger($now)
  WITH ev, user, i
  CALL (ev, i) {
    // Once per item and flush. similarityTouchedAt (not indexed) records every flush that touched
    // the item; the indexed similarityDirtyAt only when it becomes dirty, so a popular item does
    // not churn two indexes (and their sampling) in every flush until the refresher clears it.
    // similarityDirtyAt is when the refresher may take the item: now, or the end of the cooldown
    // the refresher set when it last recomputed the item (clear-dirty-marks).
    WITH ev, i
    WHERE ev.marksSimilarity AND (i.similarityTouchedAt IS NULL OR i.similarityTouchedAt < toInteger($now))
    SET i.similarityTouchedAt = toInteger($now)
    WITH i
    WHERE i.similarityDirtyAt IS NULL
    SET i.similarityDirtyAt = CASE WHEN i.similarityCooldownUntil > toInteger($now)
      THEN i.similarityCooldownUntil ELSE toInteger($now) END
  }
  CALL (ev, user, i) {
    // One static type per branch: MERGE with a dynamic type, $(ev.interaction), was planned as a
    // scan of every relationship in the database whenever the plan was made on a small graph.
    CALL (ev, user, i) {
      WITH ev, user, i WHERE ev.interaction = 'VIEWED' MERGE (user)-[r:VIEWED]->(i) RETURN r
      UNION ALL
      WITH ev, user, i WHERE ev.interaction = 'CONSUMED' MERGE (user)-[r:CONSUMED]->(i) RETURN r
      UNION ALL
      WITH ev, user, i WHERE ev.interaction = 'BASKETED' MERGE (user)-[r:BASKETED]->(i) RETURN r
      UNION ALL
      WITH ev, user, i WHERE ev.interaction = 'BOUGHT' MERGE (user)-[r:BOUGHT]->(i) RETURN r
      UNION ALL
      WITH ev, user, i WHERE ev.interaction = 'RATED' MERGE (user)-[r:RATED]->(i) RETURN r
      UNION ALL
      WITH ev, user, i WHERE ev.interaction = 'HID' MERGE (user)-[r:HID]->(i) RETURN r
    }
    // rating first: it compares with lastAt before lastAt moves (the latest rating wins).
    SET r.rating = CASE WHEN ev.rating IS NULL THEN r.rating
          WHEN r.lastAt IS NULL OR toInteger(ev.at) >= r.lastAt THEN ev.rating ELSE r.rating END,
        r.categoryPath = CASE WHEN ev.categoryPath IS NULL THEN r.categoryPath
          WHEN r.lastAt IS NULL OR toInteger(ev.at) >= r.lastAt THEN ev.categoryPath ELSE r.categoryPath END,
        r.count = coalesce(r.count, 0) + 1,
        r.firstAt = CASE WHEN r.firstAt IS NULL OR toInteger(ev.at) < r.firstAt THEN toInteger(ev.at) ELSE r.firstAt END,
        r.lastAt = CASE WHEN r.lastAt IS NULL OR toInteger(ev.at) > r.lastAt THEN toInteger(ev.at) ELSE r.lastAt END,
        r.quantity = CASE WHEN ev.quantity IS NULL THEN r.quantity ELSE coalesce(r.quantity, 0) + toInteger(ev.quantity) END,
        r.revenue = CASE WHEN ev.revenue IS NULL THEN r.revenue ELSE coalesce(r.revenue, 0.0) + ev.revenue END,
        r.currency = coalesce(ev.currency, r.currency),
        r.percent = CASE WHEN ev.percent IS NULL THEN r.percent
          WHEN r.percent IS NULL OR ev.percent > r.percent THEN ev.percent ELSE r.percent END
  }
  CALL (ev, user, i) {
    // unbasket only changes a basket line that exists; quantity 0 when none is given.
    WITH ev, user, i
    WHERE ev.unbasket
    MATCH (user)-[r:BASKETED]->(i)
    SET r.quantity = CASE WHEN ev.quantity IS NULL OR coalesce(r.quantity, 0) <= toInteger(ev.quantity) THEN 0
          ELSE r.quantity - toInteger(ev.quantity) END,
        r.removedAt = CASE WHEN r.removedAt IS NULL OR toInteger(ev.at) > r.removedAt THEN toInteger(ev.at) ELSE r.removedAt END
  }
  RETURN user.id AS resolvedUser
}
CALL (ev, isNew) {
  WITH ev
  WHERE isNew AND ev.recommendationId IS NOT NULL
  MERGE (rec:Recommendation {siteId: ev.siteId, id: ev.recommendationId})
    ON CREATE SET rec.impressions = 0, rec.clicks = 0, rec.firstAt = toInteger(ev.at), rec.lastAt = toInteger(ev.at)
  SET rec.impressions = rec.impressions + coalesce(toInteger(ev.impressions), 0),
      rec.clicks = rec.clicks + coalesce(toInteger(ev.clicks), 0),
      rec.firstAt = CASE WHEN toInteger(ev.at) < rec.firstAt THEN toInteger(ev.at) ELSE rec.firstAt END,
      rec.lastAt = CASE WHEN toInteger(ev.at) > rec.lastAt THEN toInteger(ev.at) ELSE rec.lastAt END
}
RETURN ev.siteId AS siteId, ev.id AS id, isNew, storedHash, resolvedUser
LIMIT toInteger(size($batch.events))
