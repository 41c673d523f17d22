// Purpose: for benchmarks and the quality harness: how far the similarity refresher is behind on
// one site: items still marked dirty by tracking, and items that already have SIMILAR neighbours;
// and the dirty items of every other site (the refresher works those too, on the same cores).
// Parameters: $siteId (string). Returns: items, dirtyItems, itemsWithSimilar, otherDirtyItems
// (one row). Mode: read
MATCH (i:Item {siteId: $siteId})
WHERE i.type IS NOT NULL AND i.id IS NOT NULL
WITH count(i) AS items,
  count(i.similarityDirtyAt) AS dirtyItems,
  count(CASE WHEN EXISTS { (i)-[:SIMILAR]->(:Item) } THEN 1 END) AS itemsWithSimilar
CALL () {
  MATCH (other:Item)
  WHERE other.similarityDirtyAt IS NOT NULL
  RETURN count(other) AS allDirtyItems
}
RETURN items, dirtyItems, itemsWithSimilar, allDirtyItems - dirtyItems AS otherDirtyItems
LIMIT 1
