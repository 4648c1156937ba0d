// Village floors kept by triggers (migration 022): after each write that can move a floor — a lower
// house added, the house at the floor relocated (no longer current), raised, deleted, or its household
// moved to another village — the kept floors equal the lowest current house of every village; and the
// drift check finds a floor that is wrong (so every API test file's closing check can fail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villageFloorDrift, villageFloors } from '../../server/db/village-floors.ts';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;
beforeAll(() => {
  t = seededApp(800, 13);
});
afterAll(() => t.close());

/** The current house at a village's floor, and the village. */
function floorHouse(): { id: number; householdId: number; village: string; elevation: number } {
  return t.db
    .prepare(
      `SELECT o.id, o.household_id AS householdId, h.village_code AS village, o.elevation_m AS elevation
         FROM houses o JOIN households h ON h.id = o.household_id
        WHERE o.is_current = 1 AND o.elevation_m IS NOT NULL ORDER BY o.elevation_m LIMIT 1`,
    )
    .get() as { id: number; householdId: number; village: string; elevation: number };
}

describe('village floors', () => {
  it('are seeded equal to the houses', () => {
    expect(villageFloors(t.db).size).toBeGreaterThan(3);
    expect(villageFloorDrift(t.db)).toEqual([]);
  });

  it('follow a lower house, a floor house raised, relocated or deleted, and a household moved', () => {
    const low = floorHouse();
    // Raised above the rest: the village is counted again and its floor goes up.
    t.db.prepare('UPDATE houses SET elevation_m = elevation_m + 500 WHERE id = ?').run(low.id);
    expect(villageFloors(t.db).get(low.village)).toBeGreaterThan(low.elevation);
    expect(villageFloorDrift(t.db)).toEqual([]);
    // Lowered again, below where it was.
    t.db.prepare('UPDATE houses SET elevation_m = ? WHERE id = ?').run(low.elevation - 3, low.id);
    expect(villageFloors(t.db).get(low.village)).toBe(low.elevation - 3);

    // Relocated: the old house is no longer current, a new one stands higher up.
    const house = t.db.prepare('SELECT * FROM houses WHERE id = ?').get(low.id) as Record<string, unknown>;
    t.db.transaction(() => {
      t.db.prepare('UPDATE houses SET is_current = 0 WHERE id = ?').run(low.id);
      const { id: _id, ...rest } = house;
      const cols = Object.keys(rest);
      t.db.prepare(`INSERT INTO houses (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run({ ...rest, elevation_m: low.elevation + 200, case_id: null });
    })();
    expect(villageFloorDrift(t.db)).toEqual([]);
    expect(villageFloors(t.db).get(low.village)).toBeGreaterThan(low.elevation - 3);

    // A household moved to another village takes its house's elevation along.
    const other = t.db.prepare('SELECT code FROM regions WHERE level = ? AND code <> ? ORDER BY code LIMIT 1').pluck().get('village', low.village) as string;
    const next = floorHouse();
    t.db.prepare('UPDATE households SET village_code = ? WHERE id = ?').run(other, next.householdId);
    expect(villageFloorDrift(t.db)).toEqual([]);

    // A house deleted: the relocation's new house, made the floor first, then removed as a wrong row.
    const newest = t.db.prepare('SELECT max(id) FROM houses').pluck().get() as number;
    t.db.prepare('UPDATE houses SET elevation_m = -50 WHERE id = ?').run(newest);
    expect(villageFloors(t.db).get(low.village)).toBe(-50);
    t.db.prepare('DELETE FROM houses WHERE id = ?').run(newest);
    expect(villageFloors(t.db).get(low.village)).toBeGreaterThan(-50);
    expect(villageFloorDrift(t.db)).toEqual([]);
  });

  it('drift is found when a floor is wrong', () => {
    const [village] = [...villageFloors(t.db).keys()];
    t.db.prepare('UPDATE village_floors SET floor_m = floor_m - 1 WHERE village_code = ?').run(village);
    expect(villageFloorDrift(t.db).map((d) => d.village)).toEqual([village]);
    t.db.prepare('UPDATE village_floors SET floor_m = floor_m + 1 WHERE village_code = ?').run(village);
    expect(villageFloorDrift(t.db)).toEqual([]);
  });
});
