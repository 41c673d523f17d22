// Purpose: take or renew a named lease for a shared background job, so that among several
// instances one works the global backlog while every instance keeps its own fast lane.
// Parameters: $name, $owner, $now (epoch ms), $ttlMs. Returns: owner (the holder after the call). Mode: write
// replan=skip: an index seek or a seek by elementId, then expansions from bound nodes, whatever
// the statistics (the plan on a small test graph and on the 1M-event benchmark graph is the same).
// The refresher runs all through ingestion, and on a young graph each replan took a core for
// 150-550 ms while event writes queued (ADR 0009).
CYPHER replan=skip
MERGE (l:Lease {name: $name})
WITH l
CALL {
  WITH l
  WITH l WHERE l.owner IS NULL OR l.owner = $owner OR l.expiresAt < $now
  SET l.owner = $owner, l.expiresAt = toInteger($now + $ttlMs)
}
RETURN l.owner AS owner
LIMIT 1
