-- Where the household map changed (issue 14): every write that moves the map version (migration 020)
-- also notes the place it changed — a house's old and new position, a household's current house, the
-- house of a case whose deadline or completion decides "overdue". The tiles' cell grids (server/tiles/
-- grid-cache.ts) then re-count only the cells written to since they were built, instead of a million
-- houses after every write: on a flood night a county's tiles and in-view counts stay fresh and cheap.
--
-- A log, not a queue: rows are only read by id range, and an insert now and then trims what is older
-- than the last 65,536 changes (a grid that old is rebuilt whole). A bulk load (data/bulk-load.ts)
-- drops these triggers while it loads, as it does the facet triggers.
CREATE TABLE household_map_changes (
  id  INTEGER PRIMARY KEY,
  lon REAL NOT NULL,
  lat REAL NOT NULL
);

CREATE TRIGGER household_map_changes_house_insert AFTER INSERT ON houses
BEGIN INSERT INTO household_map_changes (lon, lat) VALUES (NEW.lon, NEW.lat); END;
CREATE TRIGGER household_map_changes_house_delete AFTER DELETE ON houses
BEGIN INSERT INTO household_map_changes (lon, lat) VALUES (OLD.lon, OLD.lat); END;
CREATE TRIGGER household_map_changes_house_update AFTER UPDATE OF
  household_id, is_current, lon, lat, structure, grade, repaired_c, key_house, status, move_out_required, case_id
  ON houses
BEGIN
  INSERT INTO household_map_changes (lon, lat) VALUES (OLD.lon, OLD.lat);
  INSERT INTO household_map_changes (lon, lat) SELECT NEW.lon, NEW.lat WHERE NEW.lon <> OLD.lon OR NEW.lat <> OLD.lat;
END;

CREATE TRIGGER household_map_changes_household_update AFTER UPDATE OF
  household_no, head_name, township_code, village_code, group_code, delisted_on
  ON households
BEGIN INSERT INTO household_map_changes (lon, lat) SELECT lon, lat FROM houses WHERE household_id = NEW.id; END;
CREATE TRIGGER household_map_changes_household_delete AFTER DELETE ON households
BEGIN INSERT INTO household_map_changes (lon, lat) SELECT lon, lat FROM houses WHERE household_id = OLD.id; END;

CREATE TRIGGER household_map_changes_case_insert AFTER INSERT ON ledger_cases
BEGIN INSERT INTO household_map_changes (lon, lat) SELECT lon, lat FROM houses WHERE id = NEW.house_id; END;
CREATE TRIGGER household_map_changes_case_update AFTER UPDATE OF works_due_on ON ledger_cases
BEGIN INSERT INTO household_map_changes (lon, lat) SELECT lon, lat FROM houses WHERE id = NEW.house_id; END;
CREATE TRIGGER household_map_changes_plan_insert AFTER INSERT ON rectification_plans
BEGIN INSERT INTO household_map_changes (lon, lat) SELECT lon, lat FROM houses WHERE id = NEW.house_id; END;
CREATE TRIGGER household_map_changes_plan_update AFTER UPDATE OF case_id, works_completed_on ON rectification_plans
BEGIN
  INSERT INTO household_map_changes (lon, lat) SELECT lon, lat FROM houses WHERE id = OLD.house_id;
  INSERT INTO household_map_changes (lon, lat) SELECT lon, lat FROM houses WHERE id = NEW.house_id AND NEW.house_id <> OLD.house_id;
END;

CREATE TRIGGER household_map_changes_trim AFTER INSERT ON household_map_changes WHEN NEW.id % 4096 = 0
BEGIN DELETE FROM household_map_changes WHERE id <= NEW.id - 65536; END;
