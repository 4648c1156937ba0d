// Each village's floor (migration 022): the elevation of its lowest current house, kept by triggers.
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

const EXACT = `SELECT h.village_code, min(o.elevation_m) AS floor_m
  FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
 WHERE o.elevation_m IS NOT NULL
 GROUP BY h.village_code`;

/** Village code → floor (m): the villages with at least one current house of known elevation. */
export function villageFloors(db: Db): Map<string, number> {
  return new Map(prepared(db, 'SELECT village_code, floor_m FROM village_floors').raw().all() as [string, number][]);
}

/** Counts every floor afresh: after a bulk load, which drops the triggers while it writes. */
export function rebuildVillageFloors(db: Db): void {
  db.prepare('DELETE FROM village_floors').run();
  db.prepare(`INSERT INTO village_floors (village_code, floor_m) ${EXACT}`).run();
}

/** The villages whose kept floor differs from the houses' (empty when the triggers kept up): for tests. */
export function villageFloorDrift(db: Db): { village: string; kept: number | null; exact: number | null }[] {
  const kept = villageFloors(db);
  const exact = new Map(db.prepare(EXACT).raw().all() as [string, number][]);
  const drift: { village: string; kept: number | null; exact: number | null }[] = [];
  for (const [village, floor] of exact) if (kept.get(village) !== floor) drift.push({ village, kept: kept.get(village) ?? null, exact: floor });
  for (const [village, floor] of kept) if (!exact.has(village)) drift.push({ village, kept: floor, exact: null });
  return drift;
}
