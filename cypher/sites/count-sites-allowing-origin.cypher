// Purpose: whether any site allows a browser origin (answers CORS preflights, which carry no key).
// Parameters: $origin. Returns: sites (integer). Mode: read
MATCH (s:Site)
WHERE $origin IN s.allowedOrigins OR '*' IN s.allowedOrigins
RETURN count(s) AS sites
