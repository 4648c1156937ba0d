// The tiles' cell grids patched after writes (migration 021's change log, tiles/grid-cache.ts): after
// each kind of write the map shows — an appraisal that lists a house, a house moved to another cell, a
// household delisted, a works deadline moved, a house added — the patched grid holds exactly the cells
// and tallies a grid built afresh holds, for the whole county and for a filter; a log that no longer
// reaches back, or a new day, builds afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellTallyRows, lastMapChange, mapChangesBetween } from '../../server/db/tiles.ts';
import type { HouseholdFilter } from '../../server/db/household-filter.ts';
import { gridCounters, gridOf } from '../../server/tiles/grid-cache.ts';
import { CELLS_PER_DEGREE, buildGrid, type CellGrid } from '../../server/tiles/grid.ts';
import { TALLY_SIZE } from '../../server/domain/view-counts.ts';
import { seededApp } from './harness.ts';

const clock = Date.parse('2027-03-01T10:00:00+08:00');
const TODAY = '2027-03-01';
let t: ReturnType<typeof seededApp>;
let countyScope: HouseholdFilter['scope'];

beforeAll(async () => {
  t = seededApp(1500, 11, { now: () => clock });
  const me = (await t.json('/api/auth/me')).body.user.region as { code: string; level: 'county' };
  countyScope = { code: me.code, level: me.level };
});
afterAll(() => t.close());

/** A grid as cell → tally (and centroid to 1e-9), order left out: what tiles and counts read of it. */
function cellsOf(g: CellGrid): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < g.size; i++) {
    out.set(`${g.cx[i]},${g.cy[i]}`, `${[...g.tallies.subarray(i * TALLY_SIZE, (i + 1) * TALLY_SIZE)].join(' ')} @ ${g.wx[i]!.toFixed(9)},${g.wy[i]!.toFixed(9)}`);
  }
  return out;
}
const fresh = (filter: HouseholdFilter, today = TODAY) => cellsOf(buildGrid(cellTallyRows(t.db, filter, today, CELLS_PER_DEGREE)));

/** The kept grid after a write equals a fresh one, and it was patched, not built. */
function expectPatched(filter: HouseholdFilter) {
  const { built, patched } = gridCounters;
  const grid = gridOf(t.db, filter, TODAY);
  expect(gridCounters.built, 'built afresh instead of patched').toBe(built);
  expect(gridCounters.patched).toBe(patched + 1);
  expect(cellsOf(grid)).toEqual(fresh(filter));
}

const houseOf = (householdId: number) => (t.db.prepare('SELECT id, lon, lat FROM houses WHERE household_id = ? AND is_current = 1').get(householdId) as { id: number; lon: number; lat: number });

describe('cell grids patched from the map change log', () => {
  it('equal a grid built afresh after every kind of write the map shows', async () => {
    const whole: HouseholdFilter = { scope: countyScope };
    const dangerous: HouseholdFilter = { scope: countyScope, grades: ['C', 'D'] };
    const listed: HouseholdFilter = { scope: countyScope, delisted: false };
    for (const filter of [whole, dangerous, listed]) gridOf(t.db, filter, TODAY);

    // An appraisal that makes a house D: grade, ledger state and a new case with its deadline.
    const staffId = (await t.json('/api/auth/me', { as: 'staff' })).body.user.id as number;
    expect((await t.json('/api/trainings', { method: 'POST', body: { userId: staffId, kind: 'appraisal', course: '农村住房安全性鉴定', trainedOn: '2026-01-10', validUntil: '2029-01-10' } })).status).toBe(201);
    const target = t.db.prepare("SELECT o.id FROM houses o WHERE o.is_current = 1 AND o.grade = 'A' AND o.status = 'monitoring' LIMIT 1").pluck().get() as number;
    const appraised = await t.json(`/api/houses/${target}/appraisals`, { method: 'POST', as: 'staff', body: { kind: 'formal', appraiserId: staffId, date: TODAY, grade: 'D' } });
    expect(appraised.status, JSON.stringify(appraised.body)).toBe(201);
    expectPatched(whole);
    expectPatched(dangerous);

    // A house moved into another cell (a corrected position): its old cell loses it, its new one gains it.
    const moved = houseOf(7);
    // (as the import does: db/import-households.ts moves the house and its R*Tree entry together)
    const [lon, lat] = [moved.lon + 0.01, moved.lat - 0.01];
    t.db.transaction(() => {
      t.db.prepare('UPDATE houses SET lon = ?, lat = ? WHERE id = ?').run(lon, lat, moved.id);
      t.db.prepare('UPDATE house_rtree SET min_lon = ?, max_lon = ?, min_lat = ?, max_lat = ? WHERE id = ?').run(lon, lon, lat, lat, moved.id);
    })();
    expectPatched(whole);

    // A household delisted, and a works deadline moved (which decides "overdue").
    t.db.prepare("UPDATE households SET delisted_on = '2027-02-01' WHERE id = 9").run();
    expectPatched(listed);
    t.db.prepare("UPDATE ledger_cases SET works_due_on = '2027-01-01' WHERE id = (SELECT min(id) FROM ledger_cases WHERE closed_at IS NULL)").run();
    expectPatched(whole);
    expectPatched(dangerous);
  });

  it('builds afresh on a new day, and when the log no longer reaches back', () => {
    const whole: HouseholdFilter = { scope: countyScope };
    gridOf(t.db, whole, TODAY);
    const built = gridCounters.built;
    expect(cellsOf(gridOf(t.db, whole, '2027-03-02'))).toEqual(fresh(whole, '2027-03-02'));
    expect(gridCounters.built).toBe(built + 1);

    // 70,000 changes noted: the log keeps the last 65,536, so a grid older than that cannot be patched.
    const before = lastMapChange(t.db);
    const note = t.db.prepare('INSERT INTO household_map_changes (lon, lat) VALUES (?, ?)');
    t.db.transaction(() => {
      for (let i = 0; i < 70_000; i++) note.run(108.5, 33);
    })();
    const after = lastMapChange(t.db);
    expect(after).toBe(before + 70_000);
    expect(mapChangesBetween(t.db, before, after, 1_000_000)).toBeNull();
    expect(mapChangesBetween(t.db, after - 100, after, 1_000_000)).toHaveLength(100);
    expect(t.db.prepare('SELECT count(*) FROM household_map_changes').pluck().get()).toBeLessThanOrEqual(65_536 + 4_096);
  });
});
