// Purpose: a site by id (the demo looks for its own site at start-up).
// Parameters: $id. Returns: id, name, allowedOrigins. Mode: read
MATCH (s:Site {id: $id})
RETURN s.id AS id, s.name AS name, s.allowedOrigins AS allowedOrigins
LIMIT 1
