// Purpose: for analysts: how many nodes of each label a site holds.
// Parameters: $siteId (string). Returns: label, nodes. Mode: read
MATCH (n {siteId: $siteId})
WITH labels(n)[0] AS label, count(*) AS nodes
RETURN label, nodes
ORDER BY nodes DESC
LIMIT 20
