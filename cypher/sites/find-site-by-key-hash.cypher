// Purpose: resolve an API key (by its hash) to its site and say whether it is the public or secret key.
// Parameters: $hash. Returns: id, name, allowedOrigins, keyKind ("public" | "secret"). Mode: read
CALL {
  MATCH (s:Site {publicKeyHash: $hash}) RETURN s, 'public' AS keyKind
  UNION
  MATCH (s:Site {secretKeyHash: $hash}) RETURN s, 'secret' AS keyKind
}
RETURN s.id AS id, s.name AS name, s.allowedOrigins AS allowedOrigins, keyKind
LIMIT 1
