// Leases let one instance among several do a shared background job (the refresher's backlog lane).
CREATE CONSTRAINT lease_name IF NOT EXISTS FOR (l:Lease) REQUIRE l.name IS UNIQUE;
