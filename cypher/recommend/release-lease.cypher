// Purpose: give a lease back at shutdown so another instance takes over at once.
// Parameters: $name, $owner. Returns: released (count). Mode: write
MATCH (l:Lease {name: $name})
WHERE l.owner = $owner
SET l.owner = null, l.expiresAt = 0
RETURN count(l) AS released
LIMIT 1
