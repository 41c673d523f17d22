// Purpose: take or renew a named lease for a shared background job, so that among several
// instances one works the global backlog while every instance keeps its own fast lane.
// Parameters: $name, $owner, $now (epoch ms), $ttlMs. Returns: owner (the holder after the call). Mode: write
MERGE (l:Lease {name: $name})
WITH l
CALL {
  WITH l
  WITH l WHERE l.owner IS NULL OR l.owner = $owner OR l.expiresAt < $now
  SET l.owner = $owner, l.expiresAt = toInteger($now + $ttlMs)
}
RETURN l.owner AS owner
LIMIT 1
