// Purpose: store the popular and trending scores of items (null removes a score).
// Parameters: $scores (list of {item: elementId, popularityRank, trendingScore, updatedAt}).
// Returns: updated. Mode: write
UNWIND $scores AS score
MATCH (i:Item)
WHERE elementId(i) = score.item
SET i.popularityRank = score.popularityRank,
    i.trendingScore = score.trendingScore,
    i.popularityUpdatedAt = score.updatedAt
RETURN count(i) AS updated
LIMIT 1
