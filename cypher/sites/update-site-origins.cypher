// Purpose: replace the list of browser origins allowed to use a site's public key.
// Parameters: $id, $allowedOrigins. Returns: id, name, allowedOrigins. Mode: write
MATCH (s:Site {id: $id})
SET s.allowedOrigins = $allowedOrigins
RETURN s.id AS id, s.name AS name, s.allowedOrigins AS allowedOrigins
