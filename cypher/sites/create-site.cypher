// Purpose: create a site (tenant) with the hashes of its keys; keys themselves are never stored.
// Parameters: $id, $name, $allowedOrigins (list of origins or ["*"]), $publicKeyHash, $secretKeyHash.
// Returns: id, name, allowedOrigins, createdAt. Mode: write
CREATE (s:Site {
  id: $id,
  siteId: $id,
  name: $name,
  allowedOrigins: $allowedOrigins,
  publicKeyHash: $publicKeyHash,
  secretKeyHash: $secretKeyHash,
  createdAt: datetime()
})
RETURN s.id AS id, s.name AS name, s.allowedOrigins AS allowedOrigins, toString(s.createdAt) AS createdAt
