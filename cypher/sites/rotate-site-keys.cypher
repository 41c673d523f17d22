// Purpose: replace a site's key hashes; the old keys stop working at once.
// Parameters: $id, $publicKeyHash, $secretKeyHash (null keeps that key). Returns: id. Mode: write
MATCH (s:Site {id: $id})
SET s.publicKeyHash = coalesce($publicKeyHash, s.publicKeyHash),
    s.secretKeyHash = coalesce($secretKeyHash, s.secretKeyHash),
    s.keysRotatedAt = datetime()
RETURN s.id AS id
