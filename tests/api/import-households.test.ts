import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadDataKey } from '../../server/config.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { fromWgs84 } from '../../server/domain/crs.ts';
import { badChecksum, csvText, gbkCsv, idCard, LEDGER_HEADERS, ledgerRows, ledgerXlsx, spots, type LedgerRow, type Spot } from './import-files.ts';
import { seededApp, type DemoUser } from './harness.ts';

const MAX_BYTES = 3 * 1024 * 1024;
let t: ReturnType<typeof seededApp>;
let places: Spot[];
let townshipPlaces: Spot[];

beforeAll(() => {
  t = seededApp(1500, 7, { imports: { maxBytes: MAX_BYTES } });
  places = spots(t.db, { limit: 400 });
  const township = (t.db.prepare("SELECT region_code AS code FROM users WHERE username = 'township'").get() as { code: string }).code;
  townshipPlaces = spots(t.db, { township, limit: 50 });
});
afterAll(() => t.close());

async function upload(bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}, as: DemoUser = 'county') {
  const s = await t.sessionOf(as);
  const form = new FormData();
  form.set('file', new File([bytes.slice()], fileName));
  form.set('kind', 'households');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await t.app.request('/api/imports', { method: 'POST', body: form, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });
  return { status: res.status, body: (await res.json()) as any };
}

/** The batch once its check or commit has been recorded. */
async function settled(id: number, as: DemoUser = 'county') {
  await t.imports.idle();
  const { status, body } = await t.json(`/api/imports/${id}`, { as });
  expect(status).toBe(200);
  expect(['checking', 'committing']).not.toContain(body.status);
  return body;
}

async function checked(bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}, as: DemoUser = 'county') {
  const up = await upload(bytes, fileName, fields, as);
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  expect(up.body.status).toBe('checking');
  return settled(up.body.id, as);
}

async function commit(id: number, body: Record<string, unknown> = {}, as: DemoUser = 'county') {
  const res = await t.json(`/api/imports/${id}/commit`, { method: 'POST', body, as });
  return { status: res.status, body: res.body, batch: res.status === 202 ? await settled(id, as) : null };
}

const TABLES = ['households', 'houses', 'house_rtree', 'appraisals', 'regions', 'ledger_cases', 'house_transitions'];

function counts(): Record<string, number> {
  return Object.fromEntries(TABLES.map((table) => [table, (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));
}

/** A hash of every row of the county's data tables (not the batches or the audit log, which record each try). */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    for (const row of t.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v)));
    }
  }
  return hash.digest('hex');
}

const problemAt = (report: any, row: number, column: string) => report.problems.filter((p: any) => p.row === row && p.column === column);
/** Data rows start on line 2 of a CSV (line 1 is the header). */
const lineOf = (index: number) => index + 2;

describe('importing a county ledger (GBK CSV)', () => {
  let clean: LedgerRow[];
  let seededCard: string;

  it('names every bad row and column in the dry run, and a commit with problems writes nothing', async () => {
    clean = ledgerRows(places, 30, 0);
    const cipher = createPersonalDataCipher(loadDataKey(t.dbPath));
    const seeded = t.db.prepare('SELECT id_card_enc, household_no FROM households WHERE import_batch_id IS NULL ORDER BY id LIMIT 1').get() as { id_card_enc: Buffer; household_no: string };
    seededCard = cipher.decrypt(seeded.id_card_enc);
    const rows = clean.map((r) => ({ ...r }));
    rows[2]!.身份证号 = badChecksum(rows[2]!.身份证号);
    rows[4]!.所属村 = '不存在村';
    Object.assign(rows[6]!, { 鉴定等级: 'C级', 鉴定时间: '2099-01-01' });
    Object.assign(rows[8]!, { 经度: '120.5', 纬度: '30.2' });
    rows[10]!.身份证号 = rows[9]!.身份证号;
    rows[12]!.结构类型 = '竹木结构';
    rows[14]!.身份证号 = seededCard;
    const before = { counts: counts(), print: fingerprint() };

    const batch = await checked(gbkCsv(rows), '台账-有错误.csv');
    expect(batch.status).toBe('invalid');
    expect(batch.report.encoding).toEqual({ detected: 'gb18030', used: 'gb18030' });
    expect(batch.report.rows).toBe(30);
    const r = batch.report;
    expect(problemAt(r, lineOf(2), '身份证号')[0]).toMatchObject({ field: 'id_card', code: 'id_card_checksum' });
    expect(problemAt(r, lineOf(2), '身份证号')[0].value).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(problemAt(r, lineOf(4), '所属村')[0]).toMatchObject({ code: 'unknown_village' });
    expect(problemAt(r, lineOf(6), '鉴定时间')[0]).toMatchObject({ code: 'date_in_future' });
    expect(problemAt(r, lineOf(8), '经度')[0]).toMatchObject({ code: 'outside_county' });
    expect(problemAt(r, lineOf(10), '身份证号')[0]).toMatchObject({ code: 'duplicate_in_file' });
    expect(problemAt(r, lineOf(10), '身份证号')[0].message).toContain(`第 ${lineOf(9)} 行`);
    expect(problemAt(r, lineOf(12), '结构类型')[0]).toMatchObject({ code: 'unknown_value', value: '竹木结构' });
    expect(r.unknownValues).toContainEqual({ field: 'structure', value: '竹木结构', count: 1, rows: [lineOf(12)] });
    expect(problemAt(r, lineOf(14), '身份证号')[0]).toMatchObject({ code: 'id_card_elsewhere' });
    // Every message names its row and its column; no clear ID card anywhere in the report.
    for (const p of r.problems) expect(p.message).toMatch(new RegExp(`^第 ${p.row} 行“${p.column}”`));
    expect(JSON.stringify(r)).not.toContain(seededCard);
    expect(r.problemsTotal).toBe(7);

    const refused = await commit(batch.id);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'import_has_problems']);
    expect(counts()).toEqual(before.counts);
    expect(fingerprint()).toBe(before.print);

    const csv = await t.get(`/api/imports/${batch.id}/problems.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('身份证号');
    expect(text).toContain('id_card_checksum');
    expect(text.trim().split('\r\n')).toHaveLength(1 + 7);
    expect(text).not.toContain(seededCard);
  });

  it('imports the corrected file: every household, its house on the map at once, appraisals, C/D listed', async () => {
    const before = counts();
    const batch = await checked(gbkCsv(clean), '台账.csv');
    expect(batch.status, JSON.stringify(batch.report.problems.slice(0, 3))).toBe('ready');
    const graded = clean.filter((r) => r.鉴定等级 !== '');
    const dangerous = graded.filter((r) => r.鉴定等级 === 'C级' || r.鉴定等级 === 'D级');
    expect(batch.report.summary).toMatchObject({ create: 30, update: 0, unchanged: 0, appraisals: graded.length, listed: dangerous.length });

    const done = await commit(batch.id);
    expect(done.status).toBe(202);
    expect(done.batch.status).toBe('committed');
    expect(done.batch.result).toMatchObject({ created: 30, updated: 0, appraisals: graded.length, listed: dangerous.length });
    expect(counts()).toEqual({
      ...before,
      households: before.households! + 30,
      houses: before.houses! + 30,
      house_rtree: before.house_rtree! + 30,
      appraisals: before.appraisals! + graded.length,
      ledger_cases: before.ledger_cases! + dangerous.length,
      house_transitions: before.house_transitions! + dangerous.length,
    });
    const audit = t.db.prepare("SELECT after_json FROM audit_log WHERE action = 'import.commit' AND entity_id = ?").all(String(batch.id)) as { after_json: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ kind: 'households', created: 30 });

    // The map asks by bounding box (the R*Tree) and finds the new house where the file put it.
    const first = clean[0]!;
    const [lon, lat] = [Number(first.经度), Number(first.纬度)];
    const map = await t.json(`/api/households?bbox=${lon - 0.001},${lat - 0.001},${lon + 0.001},${lat + 0.001}&q=${first.户编号}`);
    expect(map.body.features).toHaveLength(1);
    expect(map.body.features[0].geometry.coordinates).toEqual([lon, lat]);

    const stored = t.db.prepare('SELECT h.id_card_masked, h.listed_on, o.status, o.source_crs, o.grade FROM households h JOIN houses o ON o.household_id = h.id WHERE h.household_no = ?').get(first.户编号) as any;
    expect(stored).toMatchObject({ id_card_masked: `${first.身份证号.slice(0, 4)}**********${first.身份证号.slice(-4)}`, source_crs: 'wgs84', grade: 'A' });
    const listed = t.db.prepare("SELECT o.status, c.source, c.works_due_on FROM households h JOIN houses o ON o.household_id = h.id JOIN ledger_cases c ON c.id = o.case_id WHERE h.household_no = ?").get(dangerous[0]!.户编号) as any;
    expect(listed).toEqual({ status: 'listed', source: 'import', works_due_on: '2025-11-30' });
  });

  it('re-importing the same file changes nothing', async () => {
    const before = { counts: counts(), print: fingerprint() };
    const batch = await checked(gbkCsv(clean), '台账.csv');
    expect(batch.status).toBe('ready');
    expect(batch.report.summary).toMatchObject({ create: 0, update: 0, unchanged: 30, appraisals: 0 });
    const done = await commit(batch.id);
    expect(done.batch.status).toBe('committed');
    expect(done.batch.result).toMatchObject({ created: 0, updated: 0, appraisals: 0 });
    expect(counts()).toEqual(before.counts);
    expect(fingerprint()).toBe(before.print);
  });

  it('updates only what changed, matching by ID card when the file has no 户编号', async () => {
    const rows = clean.slice(0, 3).map((r) => ({ ...r, 户编号: '' }));
    rows[0]!.家庭人口 = '9';
    const batch = await checked(gbkCsv(rows), '无户编号.csv');
    expect(batch.report.summary).toMatchObject({ create: 0, update: 1, unchanged: 2 });
    const done = await commit(batch.id);
    expect(done.batch.result).toMatchObject({ created: 0, updated: 1 });
    expect(t.db.prepare('SELECT members FROM households WHERE household_no = ?').get(clean[0]!.户编号)).toEqual({ members: 9 });
  });
});

describe('the mapping step', () => {
  it('reports an unknown header and an unknown value, and a PATCH with the user’s mapping checks again', async () => {
    const rows = ledgerRows(places, 4, 300);
    rows[1]!.结构类型 = '竹木结构';
    const headers = LEDGER_HEADERS.map((h) => (h === '户主姓名' ? '农户' : h));
    const renamed = rows.map((r) => ({ ...r, 农户: r.户主姓名 }));
    const batch = await checked(gbkCsv(renamed, headers), '表头不同.csv');
    expect(batch.status).toBe('invalid');
    expect(batch.report.problems).toEqual([expect.objectContaining({ row: null, field: 'head_name', code: 'missing_column' })]);
    expect(batch.report.headers.find((h: any) => h.header === '农户')).toMatchObject({ field: null, suggested: null });

    const remapped = await t.json(`/api/imports/${batch.id}`, { method: 'PATCH', body: { mapping: { 农户: 'head_name' } } });
    expect(remapped.status).toBe(202);
    const second = await settled(batch.id);
    expect(second.status).toBe('invalid');
    expect(second.report.problems.map((p: any) => p.code)).toEqual(['unknown_value']);

    expect((await t.json(`/api/imports/${batch.id}`, { method: 'PATCH', body: { values: { structure: { 竹木结构: 'timber' } } } })).status).toBe(202);
    const third = await settled(batch.id);
    expect(third.status).toBe('ready');
    expect(third.options).toMatchObject({ mapping: { 农户: 'head_name' }, values: { structure: { 竹木结构: 'timber' } } });
    expect((await t.json(`/api/imports/${batch.id}`, { method: 'PATCH', body: { mapping: { 农户: 'no_such_field' } } })).body.error.field).toBe('mapping.农户');
  });
});

describe('importing an XLSX', () => {
  it('reads a title row, a merged header over sub-headers and formulas, and names rows as Excel numbers them', async () => {
    const rows = ledgerRows(places, 6, 400);
    rows[3]!.身份证号 = badChecksum(rows[3]!.身份证号);
    const bytes = await ledgerXlsx(rows, {
      title: '安居县农村低收入群体住房安全台账',
      mergedMembers: true,
      formulas: [
        [0, '家庭人口', '1+2', 3],
        [1, '家庭人口', '2+2', undefined],
      ],
    });
    const batch = await checked(bytes, '台账.xlsx');
    expect(batch.report.format).toBe('xlsx');
    const headers = batch.report.headers.map((h: any) => [h.header, h.field]);
    expect(headers).toContainEqual(['家庭人口/总数', 'members']);
    expect(headers).toContainEqual(['家庭人口/老人', 'elderly']);
    expect(headers).toContainEqual(['家庭人口/残疾人', 'disabled']);
    // Title (line 1), header (2), sub-header (3): data from line 4.
    expect(batch.report.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [5, '家庭人口/总数', 'formula_without_value'],
      [7, '身份证号', 'id_card_checksum'],
    ]);
    expect(batch.report.summary.create).toBe(4);
  });

  it('imports a clean workbook, a formula’s cached value read as the cell', async () => {
    const rows = ledgerRows(places, 5, 500);
    const batch = await checked(await ledgerXlsx(rows, { formulas: [[0, '家庭人口', '2*2', 4]] }), '干净.xlsx');
    expect(batch.status).toBe('ready');
    expect((await commit(batch.id)).batch.status).toBe('committed');
    expect(t.db.prepare('SELECT members FROM households WHERE household_no = ?').get(rows[0]!.户编号)).toEqual({ members: 4 });
  });
});

describe('coordinate systems', () => {
  it('stores AMap (GCJ-02) points as WGS84 and keeps the file’s pair and system', async () => {
    const rows = ledgerRows(places, 3, 600).map((r) => {
      const [lon, lat] = fromWgs84(Number(r.经度), Number(r.纬度), 'gcj02');
      return { ...r, 经度: String(lon), 纬度: String(lat) };
    });
    const batch = await checked(gbkCsv(rows), '高德坐标.csv', { crs: 'gcj02' });
    expect(batch.status, JSON.stringify(batch.report.problems)).toBe('ready');
    expect((await commit(batch.id)).batch.status).toBe('committed');
    const origin = ledgerRows(places, 3, 600);
    rows.forEach((r, i) => {
      const o = t.db.prepare('SELECT o.lon, o.lat, o.source_crs, o.source_lon, o.source_lat FROM houses o JOIN households h ON h.id = o.household_id WHERE h.household_no = ?').get(r.户编号) as any;
      expect(o).toMatchObject({ source_crs: 'gcj02', source_lon: Number(r.经度), source_lat: Number(r.纬度) });
      // Back where the house is, within a few centimetres (gcoord's inverse iterates).
      expect(Math.abs(o.lon - Number(origin[i]!.经度))).toBeLessThan(1e-6);
      expect(Math.abs(o.lat - Number(origin[i]!.纬度))).toBeLessThan(1e-6);
    });
  });
});

describe('new villages and groups', () => {
  it('lists the villages and groups a file would create and creates them only when confirmed', async () => {
    const [a, b] = ledgerRows(places, 2, 700);
    const villageCode = `${a!.所属镇街 && (t.db.prepare('SELECT code FROM regions WHERE level = ? AND name = ?').get('township', a!.所属镇街) as { code: string }).code.slice(0, 9)}987`;
    const headers = [...LEDGER_HEADERS, '村代码'];
    const rows = [
      { ...a!, 所属村: '新建村', 村代码: villageCode, 组: '2组' },
      { ...b!, 组: '第十九组', 村代码: '' },
    ];
    const existingVillage = (t.db.prepare("SELECT code FROM regions WHERE level = 'village' AND name = ? AND parent_code = (SELECT code FROM regions WHERE name = ? AND level = 'township')").get(b!.所属村, b!.所属镇街) as { code: string }).code;
    const batch = await checked(gbkCsv(rows, headers), '新村.csv');
    expect(batch.status, JSON.stringify(batch.report.problems)).toBe('ready');
    expect(batch.report.newRegions).toEqual([
      { code: villageCode, name: '新建村', level: 'village', parentCode: `${villageCode.slice(0, 9)}000` },
      { code: `${villageCode}002`, name: '二组', level: 'group', parentCode: villageCode },
      { code: `${existingVillage}019`, name: '十九组', level: 'group', parentCode: existingVillage },
    ].sort((x, y) => (x.level === y.level ? x.code.localeCompare(y.code) : x.level === 'village' ? -1 : 1)));

    const before = { counts: counts(), print: fingerprint() };
    const refused = await commit(batch.id);
    expect([refused.status, refused.body.error.code, refused.body.error.field]).toEqual([409, 'regions_unconfirmed', 'confirmNewRegions']);
    expect(fingerprint()).toBe(before.print);

    const done = await commit(batch.id, { confirmNewRegions: true });
    expect(done.batch.status).toBe('committed');
    expect(done.batch.result).toMatchObject({ created: 2, villages: 1, groups: 2 });
    expect(counts()).toMatchObject({ regions: before.counts.regions! + 3, households: before.counts.households! + 2 });
    expect(t.db.prepare('SELECT h.village_code, h.group_code FROM households h WHERE household_no = ?').get(a!.户编号)).toEqual({ village_code: villageCode, group_code: `${villageCode}002` });
  });
});

describe('who may import what', () => {
  it('refuses inspectors and viewers (403)', async () => {
    const bytes = gbkCsv(ledgerRows(places, 1, 800));
    for (const as of ['inspector', 'viewer', 'leader'] as const) {
      const up = await upload(bytes, 'x.csv', {}, as);
      expect([up.status, up.body.error.code], as).toEqual([403, 'forbidden']);
    }
  });

  it('makes rows outside a township’s jurisdiction problems; others’ batches are hidden; only the uploader or the admin commits', async () => {
    const inside = ledgerRows(townshipPlaces, 2, 900);
    const outside = ledgerRows(places.filter((p) => !townshipPlaces.some((q) => q.township === p.township)), 2, 950);
    const batch = await checked(gbkCsv([...inside, ...outside]), '镇.csv', {}, 'township');
    expect(batch.status).toBe('invalid');
    expect(batch.report.problems.map((p: any) => [p.row, p.code])).toEqual([
      [4, 'outside_jurisdiction'],
      [5, 'outside_jurisdiction'],
    ]);
    expect(batch.report.summary.create).toBe(2);

    const countyBatch = (await t.json('/api/imports', { as: 'county' })).body.batches.find((b: any) => b.createdBy.name !== batch.createdBy.name);
    expect((await t.json(`/api/imports/${countyBatch.id}`, { as: 'township' })).status).toBe(404);
    expect((await t.json('/api/imports', { as: 'township' })).body.batches.map((b: any) => b.id)).toEqual([batch.id]);
    // The county sees the township's batch; county staff may read it but not commit it.
    expect((await t.json(`/api/imports/${batch.id}`, { as: 'staff' })).status).toBe(200);
    const ok = await checked(gbkCsv(inside), '镇-改.csv', {}, 'township');
    const theirs = await t.json(`/api/imports/${ok.id}/commit`, { method: 'POST', body: {}, as: 'staff' });
    expect([theirs.status, theirs.body.error.code]).toEqual([403, 'not_your_import']);
    expect((await commit(ok.id, {}, 'township')).batch.status).toBe('committed');
  });
});

describe('files that cannot be imported', () => {
  const importDir = () => join(dirname(t.dbPath), 'imports');
  const stored = () => readdirSync(importDir()).length;
  const batches = () => (t.db.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n;

  it('refuses them at upload naming the file or the encoding, storing nothing', async () => {
    const before = { files: stored(), batches: batches() };
    const big = await upload(new Uint8Array(MAX_BYTES + 200 * 1024).fill(0x41), 'big.csv');
    expect([big.status, big.body.error.field]).toEqual([413, 'file']);
    const png = await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'photo.csv');
    expect([png.status, png.body.error.code, png.body.error.field]).toEqual([415, 'not_a_spreadsheet', 'file']);
    const xls = await upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '台账.xls');
    expect([xls.status, xls.body.error.code, xls.body.error.field]).toEqual([415, 'xls_not_supported', 'file']);
    const utf8 = new TextEncoder().encode(csvText(ledgerRows(places, 2, 1000)));
    const asGbk = await upload(utf8, 'utf8.csv', { encoding: 'gb18030' });
    expect([asGbk.status, asGbk.body.error.code, asGbk.body.error.field]).toEqual([422, 'encoding_mismatch', 'encoding']);
    const asUtf8 = await upload(gbkCsv(ledgerRows(places, 2, 1000)), 'gbk.csv', { encoding: 'utf-8' });
    expect([asUtf8.status, asUtf8.body.error.code, asUtf8.body.error.field]).toEqual([422, 'encoding_mismatch', 'encoding']);
    const noKind = await t.json('/api/imports', { method: 'POST', body: {} });
    expect([noKind.status, noKind.body.error.field]).toEqual([400, 'file']);
    expect({ files: stored(), batches: batches() }).toEqual(before);
  });

  it('reads a GBK file with the encoding the user chose, and says which was detected and which used', async () => {
    const bytes = gbkCsv(ledgerRows(places, 2, 1100));
    const batch = await checked(bytes, 'gbk.csv', { encoding: 'gbk' });
    expect(batch.report.encoding).toEqual({ detected: 'gb18030', used: 'gbk' });
    expect(batch.status).toBe('ready');
    expect(iconv.decode(Buffer.from(bytes), 'gbk')).toContain('户主姓名');
  });

  it('stops a 250,000-row file at the limit: too_many_rows naming the file, nothing written', async () => {
    const before = fingerprint();
    const text = `户主姓名,身份证号,组\n${'a,b,c\n'.repeat(250_000)}`;
    const batch = await checked(new TextEncoder().encode(text), 'huge.csv');
    expect(batch.status).toBe('failed');
    expect(batch.error).toMatchObject({ code: 'too_many_rows', field: 'file' });
    expect((await commit(batch.id)).body.error.code).toBe('import_not_ready');
    expect(fingerprint()).toBe(before);
  });

  it('fails a batch the server was checking or committing when it stopped, never leaving it stuck', async () => {
    const id = Number(
      t.db
        .prepare("INSERT INTO import_batches (kind, user_id, region_code, file_name, file_sha256, file_size, status, created_at) VALUES ('households', 1, '610999000000', 'x.csv', 'aa', 1, 'committing', ?)")
        .run(new Date().toISOString()).lastInsertRowid,
    );
    const again = createApp({ db: t.db, dataKey: loadDataKey(t.dbPath), workers: { threads: 0 } });
    await again.pool.close();
    const batch = (await t.json(`/api/imports/${id}`)).body;
    expect(batch.status).toBe('failed');
    expect(batch.error.code).toBe('interrupted');
  });
});

it('issues well-formed ID cards for the test ledgers', () => {
  expect(idCard(0)).toMatch(/^610998\d{11}[\dX]$/);
});
