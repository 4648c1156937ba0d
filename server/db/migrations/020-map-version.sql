-- The household map's data version (issue 14): a counter that moves, in the same transaction, with
-- every write that can change what a household vector tile or the legend's in-view counts show — a
-- house's place, grade, structure, flags or ledger state, a household's region, name or number (the
-- search filter) or delisting, and the works deadline and completion that decide "overdue". Tiles are
-- cached and their ETags stamped with it (server/tiles/), so a write elsewhere (a session touched, an
-- audit row, a complaint) keeps every cached tile good, and a write here makes them all stale.
CREATE TABLE household_map_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO household_map_version (id, version) VALUES (1, 0);

CREATE TRIGGER houses_map_insert AFTER INSERT ON houses
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER houses_map_delete AFTER DELETE ON houses
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
-- Every column of a house is on the map or behind a filter, but a few do not move what it shows.
CREATE TRIGGER houses_map_update AFTER UPDATE OF
  household_id, is_current, lon, lat, structure, grade, repaired_c, key_house, status, move_out_required, case_id
  ON houses
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER households_map_insert AFTER INSERT ON households
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER households_map_delete AFTER DELETE ON households
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER households_map_update AFTER UPDATE OF
  household_no, head_name, township_code, village_code, group_code, delisted_on
  ON households
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;

-- "Overdue" (ledger-facts.ts HOUSE_OVERDUE_SQL) reads the case's deadline and the plan's completion day.
CREATE TRIGGER ledger_cases_map_insert AFTER INSERT ON ledger_cases
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER ledger_cases_map_update AFTER UPDATE OF works_due_on ON ledger_cases
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER rectification_plans_map_insert AFTER INSERT ON rectification_plans
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER rectification_plans_map_update AFTER UPDATE OF case_id, works_completed_on ON rectification_plans
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
