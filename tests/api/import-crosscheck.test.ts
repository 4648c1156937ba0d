import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionRef } from '../../server/db/household-filter.ts';
import type { Mismatch } from '../../server/imports/crosscheck.ts';
import { DEFAULT_IMPORT_OPTIONS, type CheckInput } from '../../server/imports/kind.ts';
import { importKind } from '../../server/imports/kinds.ts';
import { seededApp } from './harness.ts';
import { cipherOf, csvDownload, newIdCard, sceneHouseholds, toCsv, uploadAndCheck, word, type SceneHousehold } from './list-scene.ts';

const TODAY = '2026-11-02';
let t: ReturnType<typeof seededApp>;
let all: SceneHousehold[];
let county: RegionRef;
let township: RegionRef;
const kind = importKind('crosscheck')!;

/** An export of the national rural-housing system, with its own headers. */
const HEADER = ['户主姓名', '身份证号码', '乡(镇)', '行政村', '房屋结构类型', '房屋安全等级', '住房安全保障方式', '重点对象类型'];
const nationalRow = (h: SceneHousehold) => [h.headName, h.idCard, h.township, h.village, word.structure(h.structure), word.grade(h.grade), word.guarantee(h.guaranteeMode), word.category(h.category)];

const check = (bytes: Uint8Array, scope: RegionRef = county) =>
  kind.check({
    db: t.db,
    bytes,
    fileName: '国家系统导出.csv',
    options: DEFAULT_IMPORT_OPTIONS,
    scope,
    today: TODAY,
    cipher: cipherOf(t.dbPath),
    progress: () => {},
  } satisfies CheckInput);

beforeAll(() => {
  t = seededApp(600, 6);
  county = { code: t.db.prepare("SELECT code FROM regions WHERE level = 'county'").pluck().get() as string, level: 'county' };
  all = sceneHouseholds(t.db, cipherOf(t.dbPath));
  township = { code: all[0]!.townshipCode, level: 'township' };
});
afterAll(() => t.close());

describe('the cross-check with the national system', () => {
  it('lists every grade and structure that differs, who is only in the national list and who only in Anju', async () => {
    const graded = all.filter((h) => h.grade !== null);
    const regraded = graded.slice(0, 3).map((h) => ({ ...h, grade: h.grade === 'A' ? 'B' : 'A' }));
    const restructured = graded.slice(3, 5).map((h) => ({ ...h, structure: h.structure === 'adobe' ? 'brick_concrete' : 'adobe' }));
    const missing = all.slice(-4);
    const changed = new Map([...regraded, ...restructured].map((h) => [h.id, h]));
    const extra = [0, 1, 2].map((i) => ({ ...all[i]!, id: -1, headName: `国家户${i}`, idCard: newIdCard(i) }));
    const rows = [...all.filter((h) => !missing.includes(h)).map((h) => changed.get(h.id) ?? h), ...extra].map(nationalRow);
    const before = t.db.prepare('SELECT count(*) AS n, total(length(grade)) AS g FROM houses').get();

    const { report, plan } = await check(toCsv(HEADER, rows));
    expect(report.problems).toEqual([]);
    expect(report.summary).toEqual({ matched: all.length - 4, mismatches: 5, householdsMismatched: 5, onlyNational: 3, onlyAnju: 4 });
    const list = report.crosscheck!.mismatches as Mismatch[];
    expect(list.filter((m) => m.type === 'field').map((m) => [m.householdId, m.field, m.anju, m.national])).toEqual(
      [...graded.slice(0, 5)].map((h, i) => (i < 3 ? [h.id, 'grade', h.grade, regraded[i]!.grade] : [h.id, 'structure', h.structure, restructured[i - 3]!.structure])),
    );
    expect(list.filter((m) => m.type === 'only_anju').map((m) => m.householdId)).toEqual(missing.map((h) => h.id));
    expect(list.filter((m) => m.type === 'only_national').map((m) => m.headName)).toEqual(extra.map((h) => h.headName));
    expect(plan.mismatches).toHaveLength(12);
    const text = JSON.stringify(report);
    for (const h of [...all.slice(0, 5), ...extra]) expect(text).not.toContain(h.idCard);
    expect(t.db.prepare('SELECT count(*) AS n, total(length(grade)) AS g FROM houses').get()).toEqual(before);
    expect(kind.writes).toBe(false);
    expect(kind.commit).toBeUndefined();
  });

  it('compares only what the export gives, and no estimated structure', async () => {
    const h = all.find((x) => x.grade === null) ?? all[0]!;
    t.db.prepare('UPDATE houses SET structure_estimated = 1 WHERE household_id = ? AND is_current = 1').run(h.id);
    try {
      const rows = [[h.headName, h.idCard, h.township, h.village, word.structure(h.structure), '', '', '']];
      const { report } = await check(toCsv(HEADER, rows), { code: h.villageCode, level: 'village' });
      expect((report.crosscheck!.mismatches as Mismatch[]).filter((m) => m.householdId === h.id)).toEqual([
        expect.objectContaining({ type: 'field', field: 'structure', anju: null, national: h.structure }),
      ]);
    } finally {
      t.db.prepare('UPDATE houses SET structure_estimated = 0 WHERE household_id = ? AND is_current = 1').run(h.id);
    }
  });

  it('for a township: rows of other townships are problems, and only its households can be missing', async () => {
    const own = all.filter((h) => h.townshipCode === township.code);
    const other = all.find((h) => h.townshipCode !== township.code)!;
    const rows = [...own.slice(2), other].map(nationalRow);
    const { report } = await check(toCsv(HEADER, rows), township);
    expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([[own.length, '行政村', 'outside_jurisdiction']]); // the header is line 1
    expect(report.summary).toMatchObject({ matched: own.length - 2, mismatches: 0, onlyNational: 0, onlyAnju: 2 });
  });

  it('a bad ID card is a problem naming its row and column, masked', async () => {
    const h = all[7]!;
    const bad = h.idCard.slice(0, 16) + String((Number(h.idCard[16]) + 1) % 10) + h.idCard[17];
    const { report } = await check(toCsv(HEADER, [nationalRow({ ...h, idCard: bad })]));
    expect(report.problems).toMatchObject([{ row: 2, column: '身份证号码', code: 'id_card_checksum' }]);
    expect(JSON.stringify(report.problems)).not.toContain(bad);
  });
});

describe('the cross-check through /api/imports', () => {
  it('uploads, lists the mismatches, exports them masked with a BOM, and has nothing to commit', async () => {
    const graded = all.filter((h) => h.grade !== null);
    const changed = { ...graded[0]!, grade: graded[0]!.grade === 'A' ? 'B' : 'A' };
    const rows = [...all.slice(0, -1).map((h) => (h.id === changed.id ? changed : h)), { ...all[0]!, headName: '国家户', idCard: newIdCard(9) }].map(nationalRow);
    const checked = await uploadAndCheck(t, 'crosscheck', toCsv(HEADER, rows), { fileName: '国家系统导出.csv' });
    expect(checked.body).toMatchObject({ kind: 'crosscheck', status: 'ready' });
    expect(checked.body.report.summary).toEqual({ matched: all.length - 1, mismatches: 1, householdsMismatched: 1, onlyNational: 1, onlyAnju: 1 });

    const csv = await csvDownload(t, `/api/imports/${checked.body.id}/mismatches.csv`);
    expect(csv).toMatchObject({ status: 200, bom: true });
    expect(csv.lines[0]).toBe('类型,比对项,安居,国家系统,户编号,身份证号,户主姓名,所属村,文件行号');
    expect(csv.lines.slice(1).map((l) => l.split(',').slice(0, 4))).toEqual([
      ['信息不一致', '鉴定等级', word.grade(graded[0]!.grade), word.grade(changed.grade)],
      ['仅国家系统有', '', '', ''],
      ['仅安居有', '', '', ''],
    ]);
    for (const h of all) expect(csv.text).not.toContain(h.idCard);

    const commit = await t.json<any>(`/api/imports/${checked.body.id}/commit`, { method: 'POST', body: {} });
    expect(commit).toMatchObject({ status: 409, body: { error: { code: 'import_read_only' } } });
    expect((await t.request(`/api/imports/${checked.body.id}/diff.csv`)).status).toBe(404);
  });
});
