import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionRef } from '../../server/db/household-filter.ts';
import { listDeadlines } from '../../server/db/ledger-deadlines.ts';
import { getUser } from '../../server/db/users.ts';
import { getHouseholdDetail } from '../../server/db/households.ts';
import { fromWgs84 } from '../../server/domain/crs.ts';
import { DEFAULT_IMPORT_OPTIONS, type CheckInput, type ImportOptions } from '../../server/imports/kind.ts';
import { importKind } from '../../server/imports/kinds.ts';
import type { DiffRow, NamelistPlan } from '../../server/imports/namelist.ts';
import { seededApp } from './harness.ts';
import { gbkCsv, ledgerRows, spots } from './import-files.ts';
import { cipherOf, commitBatch, csvDownload, NAMELIST_HEADER, namelistRow, newIdCard, sceneHouseholds, toCsv, uploadAndCheck, word, type SceneHousehold } from './list-scene.ts';

const TODAY = '2026-11-02';
const COUNTY: RegionRef = { code: '', level: 'county' };
let t: ReturnType<typeof seededApp>;
let all: SceneHousehold[];
let township: RegionRef;
const kind = importKind('namelist')!;

const input = (bytes: Uint8Array, scope: RegionRef = COUNTY, options: Partial<ImportOptions> = {}): CheckInput => ({
  db: t.db,
  bytes,
  fileName: '民政名单.csv',
  options: { ...DEFAULT_IMPORT_OPTIONS, ...options },
  scope,
  today: TODAY,
  cipher: cipherOf(t.dbPath),
  progress: () => {},
});

const check = (bytes: Uint8Array, scope?: RegionRef, options?: Partial<ImportOptions>) => kind.check(input(bytes, scope, options));

let batchNo = 0;
/** The batch a commit writes under (the batch machinery makes these; here the test does). */
function batch(): number {
  const county = t.db.prepare("SELECT id FROM users WHERE username = 'county'").pluck().get() as number;
  return Number(
    t.db
      .prepare(
        `INSERT INTO import_batches (kind, user_id, region_code, file_name, file_sha256, file_size, status, created_at)
         VALUES ('namelist', ?, '610999000000', ?, 'x', 1, 'ready', ?)`,
      )
      .run(county, `名单${++batchNo}.csv`, new Date().toISOString()).lastInsertRowid,
  );
}

function commit(plan: NamelistPlan) {
  const county = t.db.prepare("SELECT id FROM users WHERE username = 'county'").pluck().get() as number;
  return kind.commit!(t.db, plan, { actor: getUser(t.db, county)!, batchId: batch(), today: TODAY, now: new Date('2026-11-02T02:00:00Z'), confirmNewRegions: false });
}

/** A snapshot of what a list could change, to prove a step wrote nothing. */
const snapshot = () =>
  t.db.prepare('SELECT count(*) AS n, total(members) AS m, group_concat(category) AS c, group_concat(coalesce(delisted_on, \'-\')) AS d FROM households').get();

beforeAll(() => {
  t = seededApp(600, 5);
  COUNTY.code = t.db.prepare("SELECT code FROM regions WHERE level = 'county'").pluck().get() as string;
  all = sceneHouseholds(t.db, cipherOf(t.dbPath));
  township = { code: all[0]!.townshipCode, level: 'township' };
});
afterAll(() => t.close());

describe('the name-list sync', () => {
  // The list the civil-affairs office sends back: everyone, but five gone, five changed, four new.
  let list: Uint8Array;
  let gone: SceneHousehold[];
  let recategorised: SceneHousehold[];
  let resized: SceneHousehold[];
  let villageCentre: [number, number];
  const newcomers = [0, 1, 2, 3].map((i) => ({ headName: `新户${i}`, idCard: newIdCard(i) }));

  beforeAll(() => {
    const inTownship = all.filter((h) => h.townshipCode === township.code);
    gone = inTownship.slice(0, 5);
    recategorised = inTownship.slice(5, 8);
    resized = all.filter((h) => h.townshipCode !== township.code).slice(0, 2);
    const home = inTownship[10]!;
    villageCentre = t.db.prepare('SELECT center_lon, center_lat FROM regions WHERE code = ?').raw().get(home.villageCode) as [number, number];
    const rows = all
      .filter((h) => !gone.includes(h))
      .map((h) => ({
        ...h,
        category: recategorised.includes(h) ? (h.category === 'dibao' ? 'tekun' : 'dibao') : h.category,
        members: resized.includes(h) ? h.members + 1 : h.members,
      }))
      .map((h, i) => namelistRow(h, i));
    // Two newcomers with AMap (GCJ-02) coordinates 50 m east of the village centre, two without.
    const east = fromWgs84(villageCentre[0] + 0.0005, villageCentre[1], 'gcj02');
    newcomers.forEach((n, i) =>
      rows.push(namelistRow({ ...home, ...n, members: 3, category: 'edge_poverty' }, rows.length, i < 2 ? east : null)),
    );
    list = toCsv(NAMELIST_HEADER, rows);
  });

  it('shows what was added, what left and what changed, with ID cards masked', async () => {
    const before = snapshot();
    const { report, plan } = await check(list, COUNTY, { crs: 'gcj02' });
    expect(report.problems).toEqual([]);
    const townships = new Set(all.map((h) => h.townshipCode)).size;
    expect(report.summary).toEqual({ added: 4, addedBack: 0, left: 5, changed: 5, unchanged: all.length - 10, townshipsCovered: townships, notCovered: 0 });
    const nl = report.namelist as { added: DiffRow[]; left: DiffRow[]; changed: DiffRow[] };
    expect(nl.left.map((d) => d.householdId)).toEqual(gone.map((h) => h.id));
    expect(nl.added.map((d) => d.headName)).toEqual(newcomers.map((n) => n.headName));
    expect(nl.changed.find((d) => d.householdId === resized[0]!.id)!.changes).toEqual([{ field: 'members', from: resized[0]!.members, to: resized[0]!.members + 1 }]);
    const cat = nl.changed.find((d) => d.householdId === recategorised[0]!.id)!;
    expect(cat.changes).toEqual([{ field: 'category', from: recategorised[0]!.category, to: recategorised[0]!.category === 'dibao' ? 'tekun' : 'dibao' }]);
    const text = JSON.stringify(report);
    for (const h of [...gone, ...recategorised]) expect(text).not.toContain(h.idCard);
    for (const n of newcomers) expect(text).not.toContain(n.idCard);
    expect(nl.added[0]!.idCard).toMatch(/^5000\*{10}\d{3}[\dX]$/);
    expect(plan.added).toHaveLength(4);
    expect(snapshot()).toEqual(before); // a check writes nothing
  });

  it('applies the list: new households appraisal-due within a month, the gone ones delisted but kept, the changes written, each marked with the batch', async () => {
    const { plan } = await check(list, COUNTY, { crs: 'gcj02' });
    const result = commit(plan);
    expect(result).toEqual({ added: 4, addedBack: 0, left: 5, changed: 5, unchanged: all.length - 10 });

    const added = t.db
      .prepare(
        `SELECT h.id, h.head_name, h.listed_on, h.delisted_on, h.guarantee_mode, h.id_card_masked, o.status, o.grade, o.structure,
                o.structure_estimated, o.location_estimated, o.lon, o.lat, o.source_crs, (SELECT count(*) FROM house_rtree r WHERE r.id = o.id) AS rtree
           FROM households h JOIN houses o ON o.household_id = h.id WHERE h.head_name LIKE '新户%' ORDER BY h.head_name`,
      )
      .all() as Record<string, any>[];
    expect(added.map((h) => h.head_name)).toEqual(newcomers.map((n) => n.headName));
    for (const h of added) {
      expect(h).toMatchObject({ listed_on: TODAY, delisted_on: null, status: 'monitoring', grade: null, structure: 'adobe', structure_estimated: 1, guarantee_mode: 'pending', rtree: 1 });
    }
    // With coordinates: converted from GCJ-02 back to within a metre of where they were taken; without: the village centre, estimated.
    expect(added[0]).toMatchObject({ location_estimated: 0, source_crs: 'gcj02' });
    expect(Math.abs(added[0]!.lon - (villageCentre[0] + 0.0005))).toBeLessThan(1e-5);
    expect(added[2]).toMatchObject({ location_estimated: 1, source_crs: null, lon: villageCentre[0], lat: villageCentre[1] });
    // The household record says so, for the drawer's 位置待核实 / 结构待核实 / 坐标来源 badges.
    expect(getHouseholdDetail(t.db, added[0]!.id)!.house).toMatchObject({ locationEstimated: false, structureEstimated: true, sourceCrs: 'gcj02' });
    expect(getHouseholdDetail(t.db, added[2]!.id)!.house).toMatchObject({ locationEstimated: true, structureEstimated: true, sourceCrs: null });

    const due = listDeadlines(t.db, COUNTY, TODAY).appraisals.dueSoon;
    for (const h of added) expect(due.rows.map((r) => r.householdId)).toContain(h.id);
    expect(due.rows.find((r) => r.householdId === added[0]!.id)!.dueOn).toBe('2026-12-02');

    for (const h of gone) {
      expect(t.db.prepare('SELECT delisted_on FROM households WHERE id = ?').pluck().get(h.id)).toBe(TODAY);
      expect(getHouseholdDetail(t.db, h.id)).toMatchObject({ id: h.id, delistedOn: TODAY });
    }
    expect(t.db.prepare('SELECT members FROM households WHERE id = ?').pluck().get(resized[0]!.id)).toBe(resized[0]!.members + 1);

    // Which list wrote them: every household added, delisted or changed carries the batch.
    const batchId = t.db.prepare('SELECT max(id) FROM import_batches').pluck().get();
    const written = t.db.prepare('SELECT id FROM households WHERE import_batch_id = ? ORDER BY id').pluck().all(batchId);
    expect(written).toEqual([...gone, ...recategorised, ...resized].map((h) => h.id).sort((a, b) => a - b).concat(added.map((h) => h.id)));
  });

  it('keeps delisted households on the map and in the record, and filters them on request', async () => {
    const total = (await t.json<any>('/api/households')).body.total as number;
    const only = (await t.json<any>('/api/households?delisted=only')).body;
    expect(only.features.map((f: any) => f.id)).toEqual(gone.map((h) => h.id));
    expect((await t.json<any>('/api/households?delisted=exclude')).body.total).toBe(total - gone.length);
    expect((await t.json<any>('/api/stats?delisted=exclude')).body.total).toBe(total - gone.length);
    expect((await t.json<any>(`/api/households/${gone[0]!.id}`)).body.delistedOn).toBe(TODAY);
    expect((await t.json<any>(`/api/households/${resized[0]!.id}`)).body.delistedOn).toBeNull();
    const bad = await t.json<any>('/api/households?delisted=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('delisted');
  });

  it('a structure saved by someone who surveyed the house is no longer estimated', async () => {
    const house = t.db.prepare("SELECT o.id FROM houses o JOIN households h ON h.id = o.household_id WHERE h.head_name = '新户0'").pluck().get() as number;
    const res = await t.json<any>(`/api/houses/${house}`, { method: 'PATCH', body: { structure: 'brick_concrete' } });
    expect(res.status).toBe(200);
    expect(t.db.prepare('SELECT structure, structure_estimated FROM houses WHERE id = ?').get(house)).toEqual({ structure: 'brick_concrete', structure_estimated: 0 });
    const other = t.db.prepare("SELECT o.id FROM houses o JOIN households h ON h.id = o.household_id WHERE h.head_name = '新户1'").pluck().get() as number;
    await t.json<any>(`/api/houses/${other}`, { method: 'PATCH', body: { storeys: 2 } });
    expect(t.db.prepare('SELECT structure_estimated FROM houses WHERE id = ?').pluck().get(other)).toBe(1);
  });

  it('changes nothing when the same list is applied again', async () => {
    const before = snapshot();
    const { report, plan } = await check(list, COUNTY, { crs: 'gcj02' });
    expect(report.summary).toMatchObject({ added: 0, addedBack: 0, left: 0, changed: 0, unchanged: all.length - 5 + 4, notCovered: 0 });
    commit(plan);
    expect(snapshot()).toEqual(before);
  });

  it('lists a delisted household that comes back as added back, and lists it again today', async () => {
    const back = gone[0]!;
    const rows = [...all.filter((h) => !gone.slice(1).includes(h)).map((h, i) => namelistRow(h, i))];
    const { report, plan } = await check(toCsv(NAMELIST_HEADER, rows), COUNTY);
    expect(report.summary).toMatchObject({ added: 1, addedBack: 1, left: 4 }); // the newcomers are not on this list
    expect((report.namelist!.added as DiffRow[])[0]).toMatchObject({ householdId: back.id, back: true });
    commit(plan);
    expect(t.db.prepare('SELECT delisted_on, listed_on FROM households WHERE id = ?').get(back.id)).toEqual({ delisted_on: null, listed_on: TODAY });
  });
});

describe('rows the name list cannot take', () => {
  it('names each bad row and column, and a check with problems writes nothing', async () => {
    const h = all[1]!;
    const badId = h.idCard.slice(0, 17) + (h.idCard[17] === '0' ? '1' : '0');
    const rows = [
      namelistRow({ ...all[0]! }, 0),
      namelistRow({ ...h, idCard: badId }, 1),
      namelistRow({ ...all[2]!, village: '不存在村' }, 2),
      namelistRow({ ...all[3]!, category: 'dibao' }, 3).map((c, i) => (i === 7 ? '五保户' : c)),
      namelistRow({ ...all[0]! }, 4),
      namelistRow({ ...all[4]!, headName: '新来户', idCard: newIdCard(40), group: '九十九组' }, 5),
    ];
    const before = snapshot();
    const { report } = await check(toCsv(NAMELIST_HEADER, rows));
    const problems = report.problems.map((p) => [p.row, p.column, p.code]);
    expect(problems).toEqual([
      [3, '身份证号', 'id_card_checksum'],
      [4, '所属村', 'unknown_village'],
      [5, '监测对象类别', 'unknown_value'],
      [6, '身份证号', 'duplicate_in_file'],
      [7, '组', 'unknown_group'],
    ]);
    expect(report.problems[0]!.message).toContain('第 3 行“身份证号”：');
    expect(report.problems[0]!.value).toBe(`${badId.slice(0, 4)}**********${badId.slice(-4)}`);
    expect(JSON.stringify(report)).not.toContain(badId);
    expect(report.unknownValues).toEqual([{ field: 'category', value: '五保户', count: 1, rows: [5] }]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a list without its key columns by name', async () => {
    const { report } = await check(toCsv(['户主姓名', '所属村', '组', '家庭人口', '监测对象类别'], [['张三', '松寨村', '一组', 3, '低保户']]));
    expect(report.problems).toMatchObject([{ row: null, field: 'id_card', code: 'missing_column' }]);
    expect(report.summary).toEqual({});
  });

  it('a value mapped in the value step is accepted', async () => {
    const rows = [namelistRow(all[3]!, 0).map((c, i) => (i === 7 ? '五保户' : c))];
    const { report } = await check(toCsv(NAMELIST_HEADER, rows), COUNTY, { values: { category: { 五保户: 'tekun' } } });
    expect(report.problemsTotal).toBe(0);
  });
});

describe('a township uploads its list', () => {
  it('rows outside the township are problems, and only its own households can leave', async () => {
    const own = all.filter((h) => h.townshipCode === township.code);
    const other = all.find((h) => h.townshipCode !== township.code)!;
    const rows = [...own.slice(1).map((h, i) => namelistRow(h, i)), namelistRow(other, own.length)];
    const { report } = await check(toCsv(NAMELIST_HEADER, rows), township);
    expect(report.problems.map((p) => [p.row, p.code])).toEqual([[own.length + 1, 'outside_jurisdiction']]);
    expect(report.summary).toMatchObject({ left: 1 });
    expect((report.namelist!.left as DiffRow[]).map((d) => d.householdId)).toEqual([own[0]!.id]);
  });

  it("a county user's list of one township delists nobody in the other townships", async () => {
    const delisted = new Set(t.db.prepare('SELECT id FROM households WHERE delisted_on IS NOT NULL').pluck().all() as number[]);
    const own = all.filter((h) => h.townshipCode === township.code && !delisted.has(h.id));
    const others = all.filter((h) => h.townshipCode !== township.code && !delisted.has(h.id));
    const rows = own.slice(1).map((h, i) => namelistRow(h, i));
    const { report } = await check(toCsv(NAMELIST_HEADER, rows), COUNTY);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ left: 1, townshipsCovered: 1, notCovered: others.length });
    expect((report.namelist!.left as DiffRow[]).map((d) => d.householdId)).toEqual([own[0]!.id]);
  });

  it('a newcomer whose ID card is registered in another township is a problem, not a second household', async () => {
    const other = all.find((h) => h.townshipCode !== township.code)!;
    const home = all.find((h) => h.townshipCode === township.code)!;
    const rows = [namelistRow({ ...home, headName: other.headName, idCard: other.idCard }, 0)];
    const { report } = await check(toCsv(NAMELIST_HEADER, rows), township);
    expect(report.problems.map((p) => p.code)).toEqual(['household_elsewhere']);
    expect(report.problems[0]!.message).toContain(other.township);
  });
});

describe('the name-list sync through /api/imports', () => {
  // Its own county: the tests above moved theirs.
  let a: ReturnType<typeof seededApp>;
  let people: SceneHousehold[];
  let list: Uint8Array;
  let gone: SceneHousehold[];
  let recategorised: SceneHousehold;
  const counts = () => a.db.prepare("SELECT count(*) AS n, count(delisted_on) AS delisted, group_concat(category) AS c FROM households").get();

  beforeAll(() => {
    a = seededApp(400, 7);
    people = sceneHouseholds(a.db, cipherOf(a.dbPath));
    gone = people.slice(0, 3);
    recategorised = people[3]!;
    const rows = people
      .slice(3)
      .map((h) => (h === recategorised ? { ...h, category: h.category === 'dibao' ? 'tekun' : 'dibao' } : h))
      .map((h, i) => namelistRow(h, i));
    rows.push(namelistRow({ ...people[5]!, headName: '新来户', idCard: newIdCard(7), members: 2, category: 'dibao' }, rows.length));
    // What a county office's Excel saves by default: GBK.
    list = new Uint8Array(iconv.encode(new TextDecoder().decode(toCsv(NAMELIST_HEADER, rows)), 'gbk'));
  });
  afterAll(() => a.close());

  it('uploads, shows the difference, exports it, applies it (audited) and finds nothing left to do the second time', async () => {
    const checked = await uploadAndCheck(a, 'namelist', list, { fileName: '民政名单.csv' });
    expect(checked.body).toMatchObject({ kind: 'namelist', status: 'ready', report: { encoding: { detected: 'gb18030' }, problemsTotal: 0 } });
    expect(checked.body.report.summary).toMatchObject({ added: 1, addedBack: 0, left: 3, changed: 1, unchanged: people.length - 4, notCovered: 0 });

    const csv = await csvDownload(a, `/api/imports/${checked.body.id}/diff.csv`);
    expect(csv).toMatchObject({ status: 200, bom: true, type: 'text/csv; charset=utf-8' });
    expect(csv.lines[0]).toBe('类型,户编号,身份证号,户主姓名,所属村,变更（原 → 新）,文件行号');
    expect(csv.lines).toHaveLength(1 + 1 + 3 + 1);
    expect(csv.lines[1]).toMatch(/^新增,,5000\*{10}\d{3}[\dX],新来户,/);
    expect(csv.lines.filter((l) => l.startsWith('退出名单,')).map((l) => l.split(',')[1])).toEqual(gone.map((h) => h.householdNo));
    const from = word.category(recategorised.category);
    const to = word.category(recategorised.category === 'dibao' ? 'tekun' : 'dibao');
    expect(csv.lines.at(-1)).toContain(`信息变更,${recategorised.householdNo},${recategorised.idCard.slice(0, 4)}**********${recategorised.idCard.slice(-4)},${recategorised.headName}`);
    expect(csv.lines.at(-1)).toContain(`监测对象类别：${from} → ${to}`);
    for (const h of people) expect(csv.text).not.toContain(h.idCard);

    const committed = await commitBatch(a, checked.body.id);
    expect(committed.body).toMatchObject({ status: 'committed', result: { added: 1, left: 3, changed: 1 } });
    const audit = a.db.prepare("SELECT after_json FROM audit_log WHERE action = 'import.commit' AND entity_id = ?").pluck().all(String(checked.body.id)) as string[];
    expect(audit.map((j) => JSON.parse(j))).toEqual([expect.objectContaining({ kind: 'namelist', added: 1, left: 3, changed: 1 })]);
    const added = a.db.prepare("SELECT h.listed_on, o.location_estimated, o.status FROM households h JOIN houses o ON o.household_id = h.id WHERE h.head_name = '新来户'").get();
    expect(added).toEqual({ listed_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), location_estimated: 1, status: 'monitoring' });
    // The diff of a committed batch is still the one applied.
    expect((await csvDownload(a, `/api/imports/${checked.body.id}/diff.csv`)).lines).toHaveLength(6);

    const before = counts();
    const again = await uploadAndCheck(a, 'namelist', list, { fileName: '民政名单.csv' });
    expect(again.body.report.summary).toMatchObject({ added: 0, addedBack: 0, left: 0, changed: 0, unchanged: people.length - 2, notCovered: 0 });
    expect((await commitBatch(a, again.body.id)).body).toMatchObject({ status: 'committed', result: { added: 0, left: 0, changed: 0 } });
    expect(counts()).toEqual(before);
  });

  it('a households import of the new household replaces the placeholders with its surveyed point and structure', async () => {
    const h = a.db.prepare("SELECT id, household_no, village_code FROM households WHERE head_name = '新来户'").get() as { id: number; household_no: string; village_code: string };
    const at = spots(a.db).find((p) => p.villageCode === h.village_code)!;
    const [row] = ledgerRows([at], 1);
    const ledger = gbkCsv([{ ...row!, 户编号: h.household_no, 户主姓名: '新来户', 身份证号: newIdCard(7), 结构类型: '砖混结构', 鉴定等级: '', 鉴定时间: '', 鉴定单位: '' }]);
    const checked = await uploadAndCheck(a, 'households', ledger, { fileName: '台账.csv' });
    expect(checked.body).toMatchObject({ status: 'ready', report: { summary: { update: 1 } } });
    expect((await commitBatch(a, checked.body.id)).body.status).toBe('committed');
    expect(a.db.prepare('SELECT structure, structure_estimated, location_estimated, lon FROM houses WHERE household_id = ? AND is_current = 1').get(h.id)).toEqual({
      structure: 'brick_concrete',
      structure_estimated: 0,
      location_estimated: 0,
      lon: at.lon,
    });
  });

  it('a list with problems is invalid and its commit writes nothing', async () => {
    const h = people[10]!;
    const bad = toCsv(NAMELIST_HEADER, [namelistRow({ ...h, idCard: h.idCard.slice(0, 17) + (h.idCard[17] === '0' ? '1' : '0'), category: 'tekun' }, 0)]);
    const before = counts();
    const checked = await uploadAndCheck(a, 'namelist', bad);
    expect(checked.body).toMatchObject({ status: 'invalid', report: { problemsTotal: 1, problems: [{ row: 2, column: '身份证号', code: 'id_card_checksum' }] } });
    const refused = await a.json<any>(`/api/imports/${checked.body.id}/commit`, { method: 'POST', body: {} });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'import_has_problems' } } });
    expect(counts()).toEqual(before);
  });

  it('township staff: rows of other townships are problems, nothing is written, and the cross-kind CSV is not theirs', async () => {
    const checked = await uploadAndCheck(a, 'namelist', list, { as: 'township' });
    const township = a.db.prepare("SELECT region_code FROM users WHERE username = 'township'").pluck().get() as string;
    const outside = people.slice(3).filter((p) => p.townshipCode !== township).length;
    expect(checked.body.status).toBe('invalid');
    expect(checked.body.report.problemCounts).toEqual({ outside_jurisdiction: outside });
    expect((await a.json<any>(`/api/imports/${checked.body.id}/commit`, { method: 'POST', body: {}, as: 'township' })).status).toBe(409);
    expect((await a.request(`/api/imports/${checked.body.id}/mismatches.csv`, { as: 'township' })).status).toBe(404);
    expect((await uploadAndCheck(a, 'namelist', list, { as: 'viewer' })).status).toBe(403);
  });
});
