// Purpose: give a lease back at shutdown so another instance takes over at once.
// Parameters: $name, $owner. Returns: released (count). Mode: write
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
MATCH (l:Lease {name: $name})
WHERE l.owner = $owner
SET l.owner = null, l.expiresAt = 0
RETURN count(l) AS released
LIMIT 1
