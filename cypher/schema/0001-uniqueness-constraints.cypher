// Uniqueness of every node identity within a site (SPEC section 6).
// Composite node property uniqueness constraints are available in Community edition 5.x
// (node key and existence constraints are not); test/integration/schema.test.ts proves it.
CREATE CONSTRAINT site_id IF NOT EXISTS FOR (s:Site) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT user_site_id IF NOT EXISTS FOR (u:User) REQUIRE (u.siteId, u.id) IS UNIQUE;
CREATE CONSTRAINT item_site_type_id IF NOT EXISTS FOR (i:Item) REQUIRE (i.siteId, i.type, i.id) IS UNIQUE;
CREATE CONSTRAINT category_site_path IF NOT EXISTS FOR (c:Category) REQUIRE (c.siteId, c.path) IS UNIQUE;
CREATE CONSTRAINT event_site_id IF NOT EXISTS FOR (e:Event) REQUIRE (e.siteId, e.id) IS UNIQUE;
CREATE CONSTRAINT scenario_site_id IF NOT EXISTS FOR (s:Scenario) REQUIRE (s.siteId, s.id) IS UNIQUE;
CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE;
