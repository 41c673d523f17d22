// Indexes shared by tracking and the recommendation work.
// Tracking sets Item.similarityDirtyAt (epoch ms) on items whose co-occurrences changed; the
// similarity refresher finds them through this index and clears the mark.
CREATE INDEX item_similarity_dirty IF NOT EXISTS FOR (i:Item) ON (i.similarityDirtyAt);
// Idempotency records are pruned by age.
CREATE INDEX event_at IF NOT EXISTS FOR (e:Event) ON (e.at);
// Catalogue listings and the `new` model read items of a site by creation time.
CREATE INDEX item_site_created IF NOT EXISTS FOR (i:Item) ON (i.siteId, i.createdAt);
