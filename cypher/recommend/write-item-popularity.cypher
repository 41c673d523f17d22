// Purpose: store the popular and trending scores of items (null removes a score).
// Parameters: $scores (list of {item: elementId, popularityRank, trendingScore, updatedAt}).
// Returns: updated. Mode: write
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $scores AS score
MATCH (i:Item)
WHERE elementId(i) = score.item
SET i.popularityRank = score.popularityRank,
    i.trendingScore = score.trendingScore,
    i.popularityUpdatedAt = score.updatedAt
RETURN count(i) AS updated
LIMIT 1
