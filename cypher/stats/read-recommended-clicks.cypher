// Purpose: for each purchase, the latest earlier click on a recommendation of the same item by the
// same person (the known user or any anonymous id merged into them) within the attribution
// window: the scenario the purchase is attributed to. Bounded: at most 100 ids per person.
// Parameters: $buys (list of maps: key, siteId, person, itemType, item, from, to (epoch ms)).
// Returns: key, scenario (one row per attributed purchase). Mode: read
// replan=skip: every read is an index seek (a range seek in storedAt order), a unique-index seek
// or an expansion from bound nodes, whatever the statistics (explain-every-query checks the plan
// made on an empty graph). The rollup runs all through ingestion, and on a young graph each of its
// replans took a core for a moment while event writes queued (ADR 0009).
CYPHER replan=skip
UNWIND $buys AS buy
MATCH (i:Item {siteId: buy.siteId, type: buy.itemType, id: buy.item})
OPTIONAL MATCH (person:User {siteId: buy.siteId, id: buy.person})
CALL (buy, i, person) {
  OPTIONAL MATCH (alias:User)-[:MERGED_INTO]->(person)
  WITH buy, i, person, collect(alias)[..99] AS aliases
  UNWIND [p IN aliases + [person] WHERE p IS NOT NULL] AS clicker
  MATCH (clicker)-[c:CLICKED_RECOMMENDATION]->(i)
  WHERE c.at >= toInteger(buy.from) AND c.at <= toInteger(buy.to)
  RETURN c.scenario AS scenario
  ORDER BY c.at DESC
  LIMIT 1
}
RETURN buy.key AS key, scenario
