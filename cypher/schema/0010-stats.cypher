// Daily statistics (GET /v1/stats): one counter node per site, UTC day, scenario ('' for the
// site as a whole), metric and currency ('' where none), and the cursor of the events counted.
CREATE CONSTRAINT daily_stat_key IF NOT EXISTS FOR (s:DailyStat) REQUIRE (s.siteId, s.day, s.scenario, s.metric, s.currency) IS UNIQUE;
CREATE CONSTRAINT stats_cursor_name IF NOT EXISTS FOR (c:StatsCursor) REQUIRE c.name IS UNIQUE;
