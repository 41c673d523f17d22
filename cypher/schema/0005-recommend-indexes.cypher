// Recommendation models read the top of a site's materialised scores through these indexes
// (index-backed ORDER BY ... DESC LIMIT): the similarity refresher writes popularityRank and
// trendingScore per item, and revisits stale scores through popularityUpdatedAt.
CREATE INDEX item_site_popularity IF NOT EXISTS FOR (i:Item) ON (i.siteId, i.popularityRank);
CREATE INDEX item_site_trending IF NOT EXISTS FOR (i:Item) ON (i.siteId, i.trendingScore);
CREATE INDEX item_popularity_updated IF NOT EXISTS FOR (i:Item) ON (i.popularityUpdatedAt);
// similar_content: catalogue items carry site-scoped category and attribute tokens; Lucene scores
// the overlap with a context item's tokens (BM25: rare shared values weigh more than common ones).
CREATE FULLTEXT INDEX item_content IF NOT EXISTS FOR (i:Item) ON EACH [i.contentTokens] OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } };
// The refresher's fast lane reads the newest dirty items of the site that just had events.
CREATE INDEX item_site_similarity_dirty IF NOT EXISTS FOR (i:Item) ON (i.siteId, i.similarityDirtyAt);
