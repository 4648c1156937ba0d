// The maintained facet counts (migration 019) always equal a GROUP BY over houses and households: after
// seeding, after every kind of write the app does (appraisal, ledger moves, plan, relocation, PATCH of a
// house, a households import, a name-list sync), and after writes straight into the tables that move a
// house or household between facets in ways the app does not today (is_current, another village,
// deletion). /api/stats and countHouseholds answer from it, and say what the exact query says.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection.ts';
import { facetAnswerable, facetCounts, facetDrift, facetTotal } from '../../server/db/household-facets.ts';
import type { HouseholdFilter, RegionRef } from '../../server/db/household-filter.ts';
import { householdStats } from '../../server/db/households.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { seedDatabase } from '../../data/seed-db.ts';
import { gbkCsv, ledgerRows, spots } from './import-files.ts';
import { seededApp, type DemoUser } from './harness.ts';
import { cipherOf, commitBatch, NAMELIST_HEADER, namelistRow, newIdCard, sceneHouseholds, toCsv, uploadAndCheck } from './list-scene.ts';

// China time 2027-03-01 10:00: after every seeded appraisal (the demo county is as of 2026-10-31).
const clock = Date.parse('2027-03-01T10:00:00+08:00');
let t: ReturnType<typeof seededApp>;
let staffId: number;
let houses: number[];

/** The table and the GROUP BY agree row for row. */
const inStep = () => expect(facetDrift(t.db)).toEqual([]);

beforeAll(async () => {
  t = seededApp(800, 11, { now: () => clock });
  staffId = (await t.json('/api/auth/me', { as: 'staff' })).body.user.id;
  const trained = await t.json('/api/trainings', {
    method: 'POST',
    body: { userId: staffId, kind: 'appraisal', course: '农村住房安全性鉴定', trainedOn: '2026-01-10', validUntil: '2029-01-10' },
  });
  expect(trained.status, JSON.stringify(trained.body)).toBe(201);
  houses = (t.db.prepare("SELECT id FROM houses WHERE is_current = 1 AND status = 'monitoring' ORDER BY id LIMIT 20").pluck().all() as number[]);
});
afterAll(() => t.close());

const send = async (path: string, body: unknown, as: DemoUser = 'county', method = 'POST') => {
  const r = await t.json(path, { method, as, body });
  expect(r.status, `${method} ${path} ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
};

describe('the facet table', () => {
  it('is filled by the seed (a bulk load, written without its triggers)', () => {
    const n = t.db.prepare('SELECT sum(n) FROM household_facets').pluck().get();
    expect(n).toBe(800);
    inStep();
  });

  it('follows every ledger write through the API: suspect, appraisal, relocation, plan, works, PATCH', async () => {
    const [a, b, c] = houses as [number, number, number];
    await send(`/api/houses/${a}/transitions`, { action: 'suspect', date: '2027-01-05' });
    inStep();
    // D: grade, key and repaired flags, state listed, must move out.
    await send(`/api/houses/${a}/appraisals`, { kind: 'formal', appraiserId: staffId, date: '2027-01-10', grade: 'D' }, 'staff');
    inStep();
    await send(`/api/houses/${a}/relocations`, { place: '同村亲戚家', placeKind: 'relatives', movedOn: '2027-01-11', people: 1 });
    inStep();
    await send(`/api/houses/${a}/plan`, { mode: 'rebuild', responsible: { works: { name: '李工' } }, date: '2027-01-15' }, 'township', 'PUT');
    await send(`/api/houses/${a}/transitions`, { action: 'start_works', date: '2027-02-01' }, 'township');
    inStep();
    // A B appraisal makes a key house; A clears it again.
    await send(`/api/houses/${b}/appraisals`, { kind: 'formal', appraiserId: staffId, date: '2027-01-20', grade: 'B' }, 'staff');
    inStep();
    await send(`/api/houses/${b}/appraisals`, { kind: 'review', appraiserId: staffId, date: '2027-02-20', grade: 'A' }, 'staff');
    inStep();
    const structure = t.db.prepare('SELECT structure FROM houses WHERE id = ?').pluck().get(c) === 'adobe' ? 'brick_concrete' : 'adobe';
    await send(`/api/houses/${c}`, { structure, storeys: 2 }, 'county', 'PATCH');
    inStep();
  });

  it('follows a name-list sync (added, delisted, changed) and a households import (new and updated)', async () => {
    const everyone = sceneHouseholds(t.db, cipherOf(t.dbPath));
    const people = everyone.filter((h) => h.townshipCode === everyone[0]!.townshipCode);
    const rows = people.slice(2).map((h, i) => namelistRow(h, i));
    rows.push(namelistRow({ ...people[4]!, headName: '新来户', idCard: newIdCard(9), members: 2, category: 'dibao' }, rows.length));
    const list = new Uint8Array(iconv.encode(new TextDecoder().decode(toCsv(NAMELIST_HEADER, rows)), 'gbk'));
    const checked = await uploadAndCheck(t, 'namelist', list, { fileName: '民政名单.csv', as: 'county' });
    expect(checked.body.status, JSON.stringify(checked.body.report?.problems?.slice(0, 3))).toBe('ready');
    const committed = await commitBatch(t, checked.body.id);
    expect(committed.body).toMatchObject({ status: 'committed', result: { added: 1, left: 2 } });
    expect(t.db.prepare('SELECT sum(n) FROM household_facets WHERE delisted = 1').pluck().get()).toBe(2);
    inStep();

    const places = spots(t.db);
    // Three new households (one appraised), and the name list's newcomer surveyed: a new point and structure.
    const newcomer = t.db.prepare("SELECT household_no FROM households WHERE head_name = '新来户'").pluck().get() as string;
    const [survey] = ledgerRows(places, 1, 10);
    const ledger = gbkCsv([...ledgerRows(places, 3), { ...survey!, 户编号: newcomer, 户主姓名: '新来户', 身份证号: newIdCard(9), 结构类型: '砖混结构' }]);
    const imported = await uploadAndCheck(t, 'households', ledger, { fileName: '台账.csv' });
    expect(imported.body.status, JSON.stringify(imported.body.report?.problems?.slice(0, 3))).toBe('ready');
    expect((await commitBatch(t, imported.body.id)).body.status).toBe('committed');
    inStep();
  });

  it('follows writes straight into the tables: a house no longer current, a new current house, another village, deletions', () => {
    const [h1, h2, h3] = houses.slice(10) as [number, number, number];
    const household = (house: number) => t.db.prepare('SELECT household_id FROM houses WHERE id = ?').pluck().get(house) as number;
    // A relocation to a new house: the old one stops being current, a new one is.
    const moved = household(h1);
    t.db.transaction(() => {
      t.db.prepare('UPDATE houses SET is_current = 0 WHERE id = ?').run(h1);
      const added = t.db
        .prepare(
          `INSERT INTO houses (household_id, is_current, lon, lat, structure, grade, status)
           SELECT household_id, 1, lon + 0.001, lat, 'brick_concrete', 'A', 'monitoring' FROM houses WHERE id = ?`,
        )
        .run(h1);
      // The R*Tree indexes where households live now (the exact counts below read through it).
      t.db.prepare('DELETE FROM house_rtree WHERE id = ?').run(h1);
      t.db.prepare('INSERT INTO house_rtree SELECT id, lon, lon, lat, lat FROM houses WHERE id = ?').run(added.lastInsertRowid);
    })();
    inStep();
    // A household moved to another village (and township).
    const other = t.db.prepare('SELECT code, parent_code FROM regions WHERE level = ? AND code <> (SELECT village_code FROM households WHERE id = ?) ORDER BY code DESC LIMIT 1').get('village', household(h2)) as {
      code: string;
      parent_code: string;
    };
    t.db.prepare('UPDATE households SET village_code = ?, township_code = ? WHERE id = ?').run(other.code, other.parent_code, household(h2));
    inStep();
    // A state, a flag and a grade to none in one statement; then a no-op update.
    t.db.prepare("UPDATE houses SET status = 'sealed', move_out_required = 1, grade = NULL WHERE id = ?").run(h3);
    inStep();
    t.db.prepare('UPDATE houses SET lon = lon WHERE id = ?').run(h3);
    inStep();
    // Deletions (the app never deletes; an operator might): the house first, then the household with its old house.
    t.db.pragma('foreign_keys = OFF');
    try {
      t.db.prepare('DELETE FROM house_rtree WHERE id IN (SELECT id FROM houses WHERE household_id = ? AND is_current = 1)').run(moved);
      t.db.prepare('DELETE FROM houses WHERE household_id = ? AND is_current = 1').run(moved);
      inStep();
      t.db.prepare('DELETE FROM households WHERE id = ?').run(household(h3));
      inStep();
      // A household written after its house (a load without foreign keys) brings the house in.
      const late = t.db.prepare('INSERT INTO houses (household_id, is_current, lon, lat, structure, status) VALUES (?, 1, 108.7, 33.1, ?, ?)').run(999_999, 'adobe', 'monitoring');
      t.db.prepare('INSERT INTO house_rtree VALUES (?, 108.7, 108.7, 33.1, 33.1)').run(late.lastInsertRowid);
      inStep();
      t.db
        .prepare(
          `INSERT INTO households (id, household_no, township_code, village_code, group_code, head_name, id_card_enc, id_card_hash, id_card_masked, members, category, guarantee_mode)
           SELECT 999999, 'X-999999', township_code, village_code, group_code, '后来户', id_card_enc, id_card_hash, id_card_masked, 1, category, guarantee_mode FROM households LIMIT 1`,
        )
        .run();
      inStep();
    } finally {
      t.db.pragma('foreign_keys = ON');
    }
  });
});

describe('facetCounts and /api/stats', () => {
  const county = (): RegionRef => ({ code: t.db.prepare("SELECT code FROM regions WHERE level = 'county'").pluck().get() as string, level: 'county' });
  const township = (): RegionRef => ({ code: t.db.prepare("SELECT code FROM regions WHERE level = 'township' ORDER BY code LIMIT 1").pluck().get() as string, level: 'township' });
  const village = (): RegionRef => ({ code: t.db.prepare("SELECT village_code FROM households GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").pluck().get() as string, level: 'village' });

  it('answers facet-only filters from the table, the same as the exact query; others exactly', () => {
    const filters: HouseholdFilter[] = [
      { scope: county() },
      { scope: township(), grades: ['C', 'D', 'none'] },
      { scope: county(), region: village(), structures: ['adobe', 'earth_wood'], key: false },
      { scope: county(), statuses: ['listed', 'under_works', 'sealed'], moveOut: true },
      { scope: county(), repairedC: true, delisted: false },
      { scope: county(), delisted: true },
    ];
    for (const f of filters) {
      expect(facetAnswerable(f)).toBe(true);
      // The same filter with a clause the table cannot answer but which holds for every house: the exact path.
      const exact = facetCounts(t.db, { ...f, bbox: [-180, -90, 180, 90] });
      expect(facetCounts(t.db, f), JSON.stringify(f)).toEqual(exact);
      expect(facetTotal(t.db, f)).toBe(exact.total);
    }
    expect(facetAnswerable({ scope: county(), q: '王' })).toBe(false);
    expect(facetAnswerable({ scope: county(), overdue: { today: '2027-03-01', is: true } })).toBe(false);
    expect(facetAnswerable({ scope: { code: `${village().code}001`, level: 'group' } })).toBe(false);
  });

  it('/api/stats says what it said before the table: counts by grade and structure, key, repaired C', async () => {
    const stats = (await t.json('/api/stats?grade=C,D,none&structure=adobe,earth_wood,brick_wood')).body;
    const exact = householdStats(t.db, {
      scope: county(),
      grades: ['C', 'D', 'none'],
      structures: ['adobe', 'earth_wood', 'brick_wood'],
      bbox: [-180, -90, 180, 90],
    });
    expect(stats).toEqual(exact);
    expect(Object.keys(stats).sort()).toEqual(['byGrade', 'byStructure', 'key', 'repairedC', 'total']);
    const inTownship = (await t.json('/api/stats', { as: 'township' })).body;
    expect(inTownship.total).toBe(facetTotal(t.db, { scope: township() }));
  });
});

describe('a seed', () => {
  it('leaves the table in step and its triggers in place', () => {
    const db = openDatabase(':memory:');
    const cipher = createPersonalDataCipher(Buffer.alloc(32, 7));
    seedDatabase(db, cipher, { households: 300, seed: 4 });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'household_facets_%'").pluck().get()).toBe(6);
    expect(facetDrift(db)).toEqual([]);
    expect(db.prepare('SELECT sum(n) FROM household_facets').pluck().get()).toBe(300);
    db.close();
  });
});
