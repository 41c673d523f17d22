// Tracking: idempotency records are pruned by the time they were stored (not the event time, which
// a historic import sets in the past); impressions and clicks are counted per recommendation.
CREATE INDEX event_stored_at IF NOT EXISTS FOR (e:Event) ON (e.storedAt);
CREATE CONSTRAINT recommendation_site_id IF NOT EXISTS FOR (r:Recommendation) REQUIRE (r.siteId, r.id) IS UNIQUE;
