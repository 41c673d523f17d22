// Keys are looked up by their SHA-256 hash on every authenticated request.
CREATE INDEX site_public_key_hash IF NOT EXISTS FOR (s:Site) ON (s.publicKeyHash);
CREATE INDEX site_secret_key_hash IF NOT EXISTS FOR (s:Site) ON (s.secretKeyHash);
