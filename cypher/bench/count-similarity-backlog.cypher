// Purpose: for benchmarks and the quality harness: how far the similarity refresher is behind on
// one site: items still marked dirty by tracking, and items that already have SIMILAR neighbours.
// Parameters: $siteId (string). Returns: items, dirtyItems, itemsWithSimilar (one row). Mode: read
MATCH (i:Item {siteId: $siteId})
WHERE i.type IS NOT NULL AND i.id IS NOT NULL
RETURN count(i) AS items,
  count(i.similarityDirtyAt) AS dirtyItems,
  count(CASE WHEN EXISTS { (i)-[:SIMILAR]->(:Item) } THEN 1 END) AS itemsWithSimilar
LIMIT 1
