-- The map version (migration 020) also moves with what a house's risk is scored from beyond what the
-- map draws — its distance to the river and elevation, its household's people — so that the exposure
-- answers kept per alert version (server/workers/exposure.ts) can be keyed on it: a patrol result, a
-- complaint or an audit row then leaves a county-wide ranking kept, and only a write that can change a
-- score or a count computes it again. These columns change rarely (a corrected survey, a name-list
-- import), so the tiles they also make stale cost little.
CREATE TRIGGER houses_map_update_risk AFTER UPDATE OF river_dist_m, elevation_m ON houses
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER households_map_update_risk AFTER UPDATE OF members, elderly, disabled, children, living_away ON households
BEGIN UPDATE household_map_version SET version = version + 1 WHERE id = 1; END;
