// Purpose: every browser origin some site allows (answers CORS preflights, which carry no key).
// Read once per cache period for all origins, so preflights from many different origins (a flood
// of made-up ones included) cost one read, not one per origin.
// Parameters: none. Returns: origins (list of strings, '*' when some site allows any). Mode: read
MATCH (s:Site)
UNWIND s.allowedOrigins AS origin
RETURN collect(DISTINCT origin) AS origins
