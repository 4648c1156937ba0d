-- Each village's floor: the elevation of its lowest current house, which the risk score measures a
-- house's height above (domain/risk.ts reliefM). Counting it meant grouping every house of the county
-- on the first exposure a worker thread answered, and again after any house was added — 1.4–2.2 s at a
-- million households. Kept here by triggers, in the same transaction as the writes, it is one read of
-- a few hundred rows. A house can only lower its village's floor when it comes (or comes back, or moves
-- in); only when the house at the floor leaves, rises or moves away is that village counted again.
-- A bulk load (data/bulk-load.ts) drops these triggers and recounts once at the end.
CREATE TABLE village_floors (
  village_code TEXT PRIMARY KEY,
  floor_m      REAL NOT NULL
) WITHOUT ROWID;

INSERT INTO village_floors
SELECT h.village_code, min(o.elevation_m)
  FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
 WHERE o.elevation_m IS NOT NULL
 GROUP BY h.village_code;

CREATE TRIGGER village_floors_house_insert AFTER INSERT ON houses
WHEN NEW.is_current = 1 AND NEW.elevation_m IS NOT NULL
BEGIN
  INSERT INTO village_floors (village_code, floor_m)
  SELECT h.village_code, NEW.elevation_m FROM households h WHERE h.id = NEW.household_id
  ON CONFLICT (village_code) DO UPDATE SET floor_m = min(floor_m, excluded.floor_m);
END;

-- A house that is (now) current with an elevation may lower its village's floor.
CREATE TRIGGER village_floors_house_lower AFTER UPDATE OF elevation_m, is_current, household_id ON houses
WHEN NEW.is_current = 1 AND NEW.elevation_m IS NOT NULL
BEGIN
  INSERT INTO village_floors (village_code, floor_m)
  SELECT h.village_code, NEW.elevation_m FROM households h WHERE h.id = NEW.household_id
  ON CONFLICT (village_code) DO UPDATE SET floor_m = min(floor_m, excluded.floor_m);
END;

-- A house that was at its village's floor and left it (no longer current, higher, without an
-- elevation, or in another household): that village is counted again.
CREATE TRIGGER village_floors_house_raise AFTER UPDATE OF elevation_m, is_current, household_id ON houses
WHEN OLD.is_current = 1 AND OLD.elevation_m IS NOT NULL
 AND (NEW.is_current = 0 OR NEW.elevation_m IS NULL OR NEW.elevation_m > OLD.elevation_m OR NEW.household_id <> OLD.household_id)
 AND OLD.elevation_m <= (SELECT f.floor_m FROM village_floors f JOIN households h ON h.village_code = f.village_code WHERE h.id = OLD.household_id)
BEGIN
  DELETE FROM village_floors WHERE village_code = (SELECT village_code FROM households WHERE id = OLD.household_id);
  INSERT INTO village_floors (village_code, floor_m)
  SELECT h.village_code, min(o.elevation_m)
    FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
   WHERE h.village_code = (SELECT village_code FROM households WHERE id = OLD.household_id) AND o.elevation_m IS NOT NULL
   GROUP BY h.village_code;
END;

CREATE TRIGGER village_floors_house_delete AFTER DELETE ON houses
WHEN OLD.is_current = 1 AND OLD.elevation_m IS NOT NULL
BEGIN
  DELETE FROM village_floors WHERE village_code = (SELECT village_code FROM households WHERE id = OLD.household_id);
  INSERT INTO village_floors (village_code, floor_m)
  SELECT h.village_code, min(o.elevation_m)
    FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
   WHERE h.village_code = (SELECT village_code FROM households WHERE id = OLD.household_id) AND o.elevation_m IS NOT NULL
   GROUP BY h.village_code;
END;

-- A household moved to another village takes its house along: both villages are counted again.
CREATE TRIGGER village_floors_household_move AFTER UPDATE OF village_code ON households
WHEN NEW.village_code <> OLD.village_code
BEGIN
  DELETE FROM village_floors WHERE village_code IN (OLD.village_code, NEW.village_code);
  INSERT INTO village_floors (village_code, floor_m)
  SELECT h.village_code, min(o.elevation_m)
    FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
   WHERE h.village_code IN (OLD.village_code, NEW.village_code) AND o.elevation_m IS NOT NULL
   GROUP BY h.village_code;
END;
