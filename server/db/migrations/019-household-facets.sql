-- Maintained aggregates (issue 14): how many current houses stand in each combination of the facets
-- /api/stats, the legend and the dashboard count and filter by — per village (and its township), grade
-- ('none' for never appraised), structure, ledger state, key house, repaired C, must move out and
-- delisted. A count over the whole county then reads a few thousand rows instead of a million houses.
--
-- Triggers keep it in the same transaction as every write to houses and households, so it can never
-- disagree with a GROUP BY over them (tests/api/household-facets.test.ts proves it after each kind of
-- write the app does). A bulk load (data/bulk-load.ts) drops these triggers and rebuilds the table
-- once at the end (server/db/household-facets.ts rebuildHouseholdFacets), as it does indexes.
CREATE TABLE household_facets (
  village_code  TEXT NOT NULL,
  township_code TEXT NOT NULL,
  grade_key     TEXT NOT NULL,               -- A, B, C, D or 'none'
  structure     TEXT NOT NULL,
  status        TEXT NOT NULL,
  key_house     INTEGER NOT NULL,
  repaired_c    INTEGER NOT NULL,
  move_out      INTEGER NOT NULL,            -- houses.move_out_required
  delisted      INTEGER NOT NULL,            -- households.delisted_on IS NOT NULL
  n             INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (village_code, township_code, grade_key, structure, status, key_house, repaired_c, move_out, delisted)
) WITHOUT ROWID;
CREATE INDEX household_facets_township ON household_facets(township_code);

INSERT INTO household_facets
SELECT h.village_code, h.township_code, coalesce(o.grade, 'none'), o.structure, o.status, o.key_house, o.repaired_c,
       o.move_out_required, h.delisted_on IS NOT NULL, count(*)
  FROM houses o JOIN households h ON h.id = o.household_id
 WHERE o.is_current = 1
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

-- A current house counts once under its own facets and its household's region and delisting.
CREATE TRIGGER household_facets_house_insert AFTER INSERT ON houses WHEN NEW.is_current = 1
BEGIN
  INSERT INTO household_facets
  SELECT h.village_code, h.township_code, coalesce(NEW.grade, 'none'), NEW.structure, NEW.status, NEW.key_house, NEW.repaired_c,
         NEW.move_out_required, h.delisted_on IS NOT NULL, 1
    FROM households h WHERE h.id = NEW.household_id
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER household_facets_house_delete AFTER DELETE ON houses WHEN OLD.is_current = 1
BEGIN
  UPDATE household_facets SET n = n - 1
   WHERE (village_code, township_code, grade_key, structure, status, key_house, repaired_c, move_out, delisted) IN (
     SELECT h.village_code, h.township_code, coalesce(OLD.grade, 'none'), OLD.structure, OLD.status, OLD.key_house, OLD.repaired_c,
            OLD.move_out_required, h.delisted_on IS NOT NULL
       FROM households h WHERE h.id = OLD.household_id);
END;

-- Only when a facet moves: a ledger move that keeps the state, a coordinate fix, a case id cost nothing.
CREATE TRIGGER household_facets_house_update
AFTER UPDATE OF is_current, household_id, grade, structure, status, key_house, repaired_c, move_out_required ON houses
WHEN OLD.is_current IS NOT NEW.is_current OR OLD.household_id IS NOT NEW.household_id OR OLD.grade IS NOT NEW.grade
  OR OLD.structure IS NOT NEW.structure OR OLD.status IS NOT NEW.status OR OLD.key_house IS NOT NEW.key_house
  OR OLD.repaired_c IS NOT NEW.repaired_c OR OLD.move_out_required IS NOT NEW.move_out_required
BEGIN
  UPDATE household_facets SET n = n - 1
   WHERE OLD.is_current = 1
     AND (village_code, township_code, grade_key, structure, status, key_house, repaired_c, move_out, delisted) IN (
       SELECT h.village_code, h.township_code, coalesce(OLD.grade, 'none'), OLD.structure, OLD.status, OLD.key_house, OLD.repaired_c,
              OLD.move_out_required, h.delisted_on IS NOT NULL
         FROM households h WHERE h.id = OLD.household_id);
  INSERT INTO household_facets
  SELECT h.village_code, h.township_code, coalesce(NEW.grade, 'none'), NEW.structure, NEW.status, NEW.key_house, NEW.repaired_c,
         NEW.move_out_required, h.delisted_on IS NOT NULL, 1
    FROM households h WHERE NEW.is_current = 1 AND h.id = NEW.household_id
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- A household written after its house (a bulk load without foreign keys) brings its current house in.
CREATE TRIGGER household_facets_household_insert AFTER INSERT ON households
BEGIN
  INSERT INTO household_facets
  SELECT NEW.village_code, NEW.township_code, coalesce(o.grade, 'none'), o.structure, o.status, o.key_house, o.repaired_c,
         o.move_out_required, NEW.delisted_on IS NOT NULL, 1
    FROM houses o WHERE o.household_id = NEW.id AND o.is_current = 1
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER household_facets_household_delete AFTER DELETE ON households
BEGIN
  UPDATE household_facets SET n = n - 1
   WHERE (village_code, township_code, grade_key, structure, status, key_house, repaired_c, move_out, delisted) IN (
     SELECT OLD.village_code, OLD.township_code, coalesce(o.grade, 'none'), o.structure, o.status, o.key_house, o.repaired_c,
            o.move_out_required, OLD.delisted_on IS NOT NULL
       FROM houses o WHERE o.household_id = OLD.id AND o.is_current = 1);
END;

-- A household moved to another village (an import's correction) or delisted by a name-list sync.
CREATE TRIGGER household_facets_household_update AFTER UPDATE OF township_code, village_code, delisted_on ON households
WHEN OLD.township_code IS NOT NEW.township_code OR OLD.village_code IS NOT NEW.village_code
  OR (OLD.delisted_on IS NULL) IS NOT (NEW.delisted_on IS NULL)
BEGIN
  UPDATE household_facets SET n = n - 1
   WHERE (village_code, township_code, grade_key, structure, status, key_house, repaired_c, move_out, delisted) IN (
     SELECT OLD.village_code, OLD.township_code, coalesce(o.grade, 'none'), o.structure, o.status, o.key_house, o.repaired_c,
            o.move_out_required, OLD.delisted_on IS NOT NULL
       FROM houses o WHERE o.household_id = OLD.id AND o.is_current = 1);
  INSERT INTO household_facets
  SELECT NEW.village_code, NEW.township_code, coalesce(o.grade, 'none'), o.structure, o.status, o.key_house, o.repaired_c,
         o.move_out_required, NEW.delisted_on IS NOT NULL, 1
    FROM houses o WHERE o.household_id = NEW.id AND o.is_current = 1
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The exposure of an alert's zone (db/zone-houses.ts) reads the current houses of its bbox with what
-- its counts and its ranking's classes need: from this index alone, in lon order, a 380,000-house zone
-- is a contiguous read of a few megabytes instead of as many R*Tree hits and row lookups.
CREATE INDEX houses_zone ON houses(lon, lat, grade, structure, key_house, repaired_c, household_id) WHERE is_current = 1;
