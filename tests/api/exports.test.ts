import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoComplaints } from '../../data/complaints-seed.ts';
import { seedDemoLedger } from '../../data/demo-ledger.ts';
import { loadDataKey } from '../../server/config.ts';
import { writeAudit } from '../../server/db/audit.ts';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { createPersonalDataCipher, type PersonalDataCipher } from '../../server/db/personal-data.ts';
import { seededApp, type DemoUser } from './harness.ts';
import { httpServer, until } from './over-http.ts';

let t: ReturnType<typeof seededApp>;
let cipher: PersonalDataCipher;
let alertId: number;
let demoTownship: string;

const BOM = [0xef, 0xbb, 0xbf];

/** RFC 4180 as csv-stringify writes it: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function download(path: string, as: DemoUser = 'county') {
  const res = await t.request(path, { as });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A CSV export: the bytes checked for BOM, UTF-8 and CRLF; the header row and the rows. */
async function csv(path: string, as: DemoUser = 'county') {
  const { res, bytes } = await download(path, as);
  expect(res.status, bytes.toString()).toBe(200);
  expect([...bytes.subarray(0, 3)]).toEqual(BOM);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  const [header, ...rows] = parseCsv(text);
  return { res, bytes, text, header: header!, rows, column: (name: string) => rows.map((r) => r[header!.indexOf(name)]!) };
}

const PAGE = 40;

/** Every row of a paged list API. */
async function allPages<T>(path: string, key: string, as: DemoUser = 'county'): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await t.json(`${path}${sep}page=${page}&pageSize=${PAGE}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...res.body[key]);
    if (out.length >= res.body.total) return out;
  }
}

const exportAudits = (action: 'export' | 'export.unmask', username?: string) =>
  t.db
    .prepare(`SELECT username, entity_id, after_json, reason FROM audit_log WHERE action = ? ${username ? 'AND username = ?' : ''} ORDER BY id`)
    .all(...(username ? [action, username] : [action])) as { username: string; entity_id: string; after_json: string; reason: string | null }[];

/** The clear ID-card and phone numbers of households, opened with the database's key as the unmask route would. */
function clearPersonalData(householdNos: string[]): string[] {
  const get = t.db.prepare('SELECT id_card_enc, phone_enc FROM households WHERE household_no = ?');
  return householdNos.flatMap((no) => {
    const r = get.get(no) as { id_card_enc: Buffer; phone_enc: Buffer | null };
    return [cipher.decrypt(r.id_card_enc), ...(r.phone_enc ? [cipher.decrypt(r.phone_enc)] : [])];
  });
}

beforeAll(async () => {
  t = seededApp(3000, 3);
  seedDemoInspectors(t.db);
  seedDemoLedger(t.db, { seed: 3 });
  seedDemoComplaints(t.db);
  cipher = createPersonalDataCipher(loadDataKey(t.dbPath));
  // A longer audit log than the demo writes: a few thousand changes of houses.
  t.db.transaction(() => {
    for (let i = 0; i < 4000; i++) {
      writeAudit(t.db, { userId: 1, username: 'county', action: 'house.edit', entity: 'house', entityId: 1 + (i % 500), before: { storeys: 1 }, after: { storeys: 2 } }, new Date(Date.now() - (4000 - i) * 60_000));
    }
  })();
  demoTownship = (t.db.prepare("SELECT region_code AS code FROM users WHERE username = 'township'").get() as { code: string }).code;
  // A red rainstorm over the demo township's half of the county, dispatched: exposure, tasks and coverage.
  const [w, s, e, n] = await t.countyBox();
  const res = await t.json('/api/alerts', {
    method: 'POST',
    body: {
      type: 'rainstorm',
      level: 'red',
      headline: '暴雨红色预警（导出测试）',
      expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      geometry: { type: 'Polygon', coordinates: [[[w, s], [(w + e) / 2, s], [(w + e) / 2, n], [w, n], [w, s]]] },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  alertId = res.body.id ?? res.body.properties?.id;
  expect((await t.json(`/api/alerts/${alertId}/dispatch`, { method: 'POST' })).status).toBe(201);
}, 120_000);
afterAll(() => t.close());

describe('CSV', () => {
  it('is UTF-8 with a BOM, CRLF lines and Chinese headers, and holds every row /api/ledger lists, in its order', async () => {
    const query = 'state=under_works,planned,listed,completed&sort=village&dir=desc';
    const rows = await allPages<any>(`/api/ledger?${query}`, 'rows');
    expect(rows.length).toBeGreaterThan(PAGE); // more than one page of the API
    const file = await csv(`/api/exports/ledger.csv?${query}`);
    expect(file.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.text.split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r'))).toBe(true);
    expect(file.text.endsWith('\r\n')).toBe(true);
    expect(file.header.slice(0, 4)).toEqual(['户编号', '户主姓名', '身份证号', '联系电话']);
    expect(file.column('户编号')).toEqual(rows.map((r) => r.householdNo));
    expect(file.column('户主姓名')).toEqual(rows.map((r) => r.headName));
    // Codes read as the screens word them.
    expect(new Set(file.column('台账阶段'))).toEqual(new Set(['改造中', '已制定方案', '已纳入台账', '已竣工待验收'].filter((s) => file.column('台账阶段').includes(s))));
    expect(file.column('台账阶段').every((s) => ['改造中', '已制定方案', '已纳入台账', '已竣工待验收'].includes(s))).toBe(true);
    expect(file.column('鉴定等级').every((g) => ['C级', 'D级', 'A级', 'B级', '未鉴定'].includes(g))).toBe(true);
    expect(file.res.headers.get('content-disposition')).toMatch(/^attachment; filename="anju_ledger_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E5%AE%89%E5%B1%85_%E5%8F%B0%E8%B4%A6_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(decodeURIComponent(file.res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^安居_台账_\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('heads the columns in English with lang=en', async () => {
    const file = await csv('/api/exports/ledger.csv?lang=en&state=under_works');
    expect(file.header.slice(0, 4)).toEqual(['Household no.', 'Head of household', 'ID card', 'Phone']);
    expect(new Set(file.column('Stage'))).toEqual(new Set(['Under works']));
  });

  it('lists the complaints /api/complaints lists, the tasks /api/tasks lists, the audit log /api/audit lists', async () => {
    const complaints = await allPages<any>('/api/complaints?status=received,assigned,investigating', 'rows');
    expect(complaints.length).toBeGreaterThan(0);
    const c = await csv('/api/exports/complaints.csv?status=received,assigned,investigating');
    expect(c.column('受理编号')).toEqual(complaints.map((r) => r.receiptNo));

    const tasks = (await t.json(`/api/tasks?alertId=${alertId}&status=assigned`)).body.tasks as any[];
    expect(tasks.length).toBeGreaterThan(0);
    const k = await csv(`/api/exports/tasks.csv?alert=${alertId}&status=assigned`);
    expect(k.column('任务编号').map(Number)).toEqual(tasks.map((x) => x.id));
    expect(k.column('户数').map(Number)).toEqual(tasks.map((x) => x.stopCount));
    expect(new Set(k.column('状态'))).toEqual(new Set(['已派发']));

    const log = (await t.json('/api/audit?limit=500&entity=house')).body;
    expect(log.total).toBeGreaterThan(0);
    const a = await csv('/api/exports/audit.csv?entity=house');
    expect(a.rows).toHaveLength(log.total);
    expect(a.column('序号').slice(0, log.entries.length).map(Number)).toEqual(log.entries.map((e: any) => e.id));
  });

  it('lists the exposed houses of a warning riskiest first, as GET /api/alerts/:id/exposure ranks them', async () => {
    const exposure = (await t.json(`/api/alerts/${alertId}/exposure?limit=1000000`)).body;
    expect(exposure.total).toBeGreaterThan(100);
    const file = await csv(`/api/exports/exposed.csv?alert=${alertId}`);
    expect(file.column('户编号')).toEqual(exposure.households.map((h: any) => h.householdNo));
    expect(file.column('风险分').map(Number)).toEqual(exposure.households.map((h: any) => h.risk));
    expect(file.column('风险排名').map(Number)).toEqual(exposure.households.map((_: unknown, i: number) => i + 1));
  });

  it('lists each house the coverage counts, with the same numbers', async () => {
    const coverage = (await t.json(`/api/alerts/${alertId}/coverage`)).body;
    const file = await csv(`/api/exports/coverage.csv?alert=${alertId}`);
    expect(file.rows).toHaveLength(coverage.selected);
    expect(file.column('任务编号').filter((v) => v !== '')).toHaveLength(coverage.dispatched);
    expect(file.column('巡查结果').filter((v) => v !== '')).toHaveLength(coverage.patrolled);
  });

  it('keeps a cell a spreadsheet would run as a formula as text', async () => {
    const created = await t.json('/api/complaints', {
      method: 'POST',
      as: 'staff',
      body: { channel: 'phone', subject: 'other', content: '=HYPERLINK("http://evil.example","点我") 房屋漏雨没人管' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const file = await csv('/api/exports/complaints.csv');
    const summary = file.column('内容摘要').find((s) => s.includes('HYPERLINK'))!;
    expect(summary.startsWith("'=HYPERLINK")).toBe(true);
  });
});

describe('XLSX', () => {
  it('opens in exceljs with a bold frozen Chinese header and the rows of the ledger', async () => {
    const query = 'grade=D&sort=grade';
    const rows = await allPages<any>(`/api/ledger?${query}`, 'rows');
    const { res, bytes } = await download(`/api/exports/ledger.xlsx?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('台账');
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('户编号');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan(10);
    const nos: unknown[] = [];
    sheet.eachRow((row, i) => i > 1 && nos.push(row.getCell(1).value));
    expect(nos).toEqual(rows.map((r) => r.householdNo));
  });
});

describe('GeoJSON', () => {
  it('is a FeatureCollection of the houses as points, as many as the list', async () => {
    for (const [path, api] of [
      ['/api/exports/ledger.geojson?mustMoveOut=true', '/api/ledger?mustMoveOut=true'],
      ['/api/exports/suspected.geojson', '/api/households?status=suspected'],
      ['/api/exports/move-out.geojson', '/api/households?moveOut=true'],
    ] as const) {
      const { res, bytes } = await download(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
      const fc = JSON.parse(bytes.toString('utf8'));
      const list = (await t.json(api)).body;
      const ids = api.startsWith('/api/ledger') ? (await allPages<any>(api, 'rows')).map((r) => r.householdId) : list.features.map((f: any) => f.id);
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length, path).toBe(list.total);
      expect(fc.features.length, path).toBeGreaterThan(0);
      expect(fc.features.map((f: any) => f.id)).toEqual(ids);
      for (const f of fc.features) {
        expect(f.geometry.type).toBe('Point');
        expect(f.geometry.coordinates).toHaveLength(2);
      }
    }
    // The points are the houses': the map's list puts them at the same place.
    const map = (await t.json('/api/households?status=suspected')).body.features;
    const file = JSON.parse((await download('/api/exports/suspected.geojson')).bytes.toString('utf8')).features;
    expect(file.map((f: any) => f.geometry.coordinates)).toEqual(map.map((f: any) => f.geometry.coordinates));
  });

  it('refuses lists without geometry, naming format', async () => {
    for (const list of ['tasks', 'audit', 'complaints']) {
      const res = await t.json(`/api/exports/${list}.geojson`);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('format');
    }
  });
});

describe('personal data', () => {
  it('leaves the ID-card and phone numbers masked: no clear one anywhere in the bytes, of any format', async () => {
    const rows = await allPages<any>('/api/ledger?state=under_works', 'rows');
    const clear = clearPersonalData(rows.map((r) => r.householdNo));
    expect(clear.length).toBeGreaterThan(rows.length);
    for (const format of ['csv', 'xlsx', 'geojson']) {
      const { res, bytes } = await download(`/api/exports/ledger.${format}?state=under_works`);
      expect(res.status).toBe(200);
      const text = format === 'xlsx' ? await xlsxText(bytes) : bytes.toString('utf8');
      for (const value of clear) expect(text.includes(value), `${format} holds ${value}`).toBe(false);
      expect(text).toMatch(/\d{4}\*{10}\d{4}/); // the masked ID cards are there
    }
    // The complainants too.
    const c = await csv('/api/exports/complaints.csv');
    for (const value of ['刘桂兰', '13912345678', '王建国', '13709876543']) expect(c.text.includes(value)).toBe(false);
  });

  it('audits every export with its list, filters and row count', async () => {
    const before = exportAudits('export', 'leader').length;
    const file = await csv('/api/exports/ledger.csv?state=sealed', 'leader');
    const audits = exportAudits('export', 'leader');
    expect(audits).toHaveLength(before + 1);
    const last = audits.at(-1)!;
    expect(last.entity_id).toBe('ledger.csv');
    expect(JSON.parse(last.after_json)).toMatchObject({ list: 'ledger', format: 'csv', filters: { state: ['sealed'] }, rows: file.rows.length, masked: true });
  });

  it('opens them for a county role that gives a reason, and audits the reason and the row count', async () => {
    const file = await csv('/api/exports/ledger.csv?state=under_works&unmask=1&reason=核对改造补助名单', 'staff');
    const clear = clearPersonalData(file.column('户编号'));
    for (const value of clear) expect(file.text.includes(value)).toBe(true);
    const audit = exportAudits('export.unmask', 'staff').at(-1)!;
    expect(audit.reason).toBe('核对改造补助名单');
    expect(JSON.parse(audit.after_json)).toMatchObject({ list: 'ledger', rows: file.rows.length, masked: false, filters: { state: ['under_works'] } });

    const c = await csv('/api/exports/complaints.csv?unmask=1&reason=回访举报人', 'county');
    expect(c.text).toContain('刘桂兰');
    expect(c.text).toContain('13912345678');
  });

  it('refuses unmasking to roles that may not (403 naming unmask), and writes no unmask audit row', async () => {
    const before = exportAudits('export.unmask').length;
    for (const as of ['township', 'leader', 'viewer'] as const) {
      const res = await t.json('/api/exports/ledger.csv?unmask=1&reason=想看看', { as });
      expect(res.status).toBe(403);
      expect(res.body.error.field).toBe('unmask');
    }
    expect((await t.json('/api/exports/ledger.csv?unmask=1', { as: 'county' })).body.error.field).toBe('reason');
    expect((await t.json('/api/exports/ledger.csv?unmask=1&reason=ab', { as: 'county' })).body.error.field).toBe('reason');
    expect((await t.json('/api/exports/ledger.csv?reason=without+unmask', { as: 'county' })).body.error.field).toBe('reason');
    expect((await t.json('/api/exports/tasks.csv?unmask=1&reason=nothing+to+open', { as: 'county' })).body.error.field).toBe('unmask');
    expect(exportAudits('export.unmask')).toHaveLength(before);
  });
});

describe('roles and jurisdiction', () => {
  it('gives the audit log to the county admin only (403 naming list)', async () => {
    for (const as of ['staff', 'township', 'leader', 'viewer'] as const) {
      const res = await t.json('/api/exports/audit.csv', { as });
      expect(res.status, as).toBe(403);
      expect(res.body.error.field).toBe('list');
    }
    expect((await t.json('/api/exports/ledger.csv', { as: 'inspector' })).status).toBe(403);
  });

  it('never gives township staff another township’s rows', async () => {
    const townshipOf = t.db.prepare('SELECT township_code AS code FROM households WHERE household_no = ?');
    const inTownship = (no: string) => (townshipOf.get(no) as { code: string }).code === demoTownship;
    const ledger = await csv('/api/exports/ledger.csv', 'township');
    expect(ledger.rows.length).toBeGreaterThan(0);
    expect(ledger.column('户编号').every(inTownship)).toBe(true);
    expect(ledger.rows.length).toBe((await t.json('/api/ledger?pageSize=1', { as: 'township' })).body.total);
    const exposed = await csv(`/api/exports/exposed.csv?alert=${alertId}`, 'township');
    expect(exposed.rows.length).toBeGreaterThan(0);
    expect(exposed.column('户编号').every(inTownship)).toBe(true);
    const flagged = await csv('/api/exports/move-out.csv', 'township');
    expect(flagged.column('户编号').every(inTownship)).toBe(true);
    const complaints = await csv('/api/exports/complaints.csv', 'township');
    const places = complaints.column('乡镇');
    const name = (t.db.prepare('SELECT name FROM regions WHERE code = ?').get(demoTownship) as { name: string }).name;
    expect(places.every((p) => p === name)).toBe(true);
    const tasks = await csv('/api/exports/tasks.csv', 'township');
    const villageTownship = t.db.prepare('SELECT parent_code AS code FROM regions WHERE name = ? AND level = ?');
    expect(tasks.column('村').every((v) => (villageTownship.get(v, 'village') as { code: string }).code === demoTownship)).toBe(true);
    // Another township asked for does not exist for them.
    const other = (t.db.prepare("SELECT code FROM regions WHERE level = 'township' AND code <> ? LIMIT 1").get(demoTownship) as { code: string }).code;
    const res = await t.json(`/api/exports/ledger.csv?township=${other}`, { as: 'township' });
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe('township');
  });
});

describe('bad requests', () => {
  it('answers 404 naming list, 400 naming format or the filter, and audits nothing', async () => {
    const before = exportAudits('export').length;
    const cases: [string, number, string][] = [
      ['/api/exports/households.csv', 404, 'list'],
      ['/api/exports/ledger', 400, 'format'],
      ['/api/exports/ledger.pdf', 400, 'format'],
      ['/api/exports/ledger.csv?grade=Z', 400, 'grade'],
      ['/api/exports/ledger.csv?page=2', 400, 'page'],
      ['/api/exports/ledger.csv?lang=fr', 400, 'lang'],
      ['/api/exports/exposed.csv', 400, 'alert'],
      ['/api/exports/exposed.csv?alert=abc', 400, 'alert'],
      ['/api/exports/exposed.csv?alert=999999', 404, 'alert'],
      ['/api/exports/coverage.xlsx?alert=999999', 404, 'alert'],
      ['/api/exports/tasks.csv?kind=storm', 400, 'kind'],
      ['/api/exports/audit.csv?limit=5', 400, 'limit'],
      ['/api/exports/complaints.csv?status=lost', 400, 'status'],
      ['/api/exports/suspected.csv?region=123', 400, 'region'],
    ];
    for (const [path, status, field] of cases) {
      const res = await t.json(path);
      expect(res.status, path).toBe(status);
      expect(res.body.error.field, path).toBe(field);
    }
    expect(exportAudits('export')).toHaveLength(before);
  });
});

describe('streaming', () => {
  it('reads on its own connection: the app writes while an export waits half-read, and a hang-up ends it', async () => {
    // Enough rows that the stream stops at its buffers long before the end.
    const insert = t.db.prepare('SELECT count(*) AS n FROM audit_log');
    const rowsBefore = (insert.get() as { n: number }).n;
    expect(rowsBefore).toBeGreaterThan(3000);
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await t.request(`/api/exports/audit.${format}`);
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // Meanwhile someone writes: a complaint taken in (its row and its audit row).
      const created = await t.json('/api/complaints', { method: 'POST', as: 'staff', body: { channel: 'visit', subject: 'subsidy', content: '补助资金迟迟没有发放，请核实。' } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await reader.cancel();
    }
    // The snapshots were released: nothing holds the WAL (a reader would keep a full checkpoint busy) …
    await until(() => snapshotsReleased(), 'the hung-up exports release their snapshots');
    // … the app still writes, and the log reads whole.
    const again = await t.json('/api/complaints', { method: 'POST', as: 'staff', body: { channel: 'visit', subject: 'subsidy', content: '第二次反映补助资金问题。' } });
    expect(again.status).toBe(201);
    const whole = await csv('/api/exports/audit.csv');
    expect(whole.rows.length).toBe((insert.get() as { n: number }).n - 1); // all but its own audit row, written after its snapshot
  });
});

/** No export holds a read transaction: a full checkpoint of the WAL can finish. */
function snapshotsReleased(): boolean {
  const [r] = t.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return r!.busy === 0;
}

describe('over HTTP', () => {
  it('streams the whole file gzipped, and a client that hangs up mid-file frees its snapshot', async () => {
    const server = await httpServer(t.app);
    try {
      const s = await t.sessionOf('county');
      const headers = { cookie: s.cookie, 'accept-encoding': 'gzip' };
      const res = await fetch(`${server.url}/api/exports/audit.csv`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const bytes = Buffer.from(await res.arrayBuffer()); // fetch un-gzips
      expect([...bytes.subarray(0, 3)]).toEqual(BOM);
      expect(parseCsv(bytes.subarray(3).toString('utf8')).length - 1).toBe(Number(res.headers.get('x-row-count')));

      const abort = new AbortController();
      const partial = await fetch(`${server.url}/api/exports/audit.xlsx`, { headers, signal: abort.signal });
      await partial.body!.getReader().read();
      abort.abort();
      await until(() => snapshotsReleased(), 'the aborted download releases its snapshot');
    } finally {
      await server.close();
    }
  });
});

/** The text of every cell of an XLSX file. */
async function xlsxText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
  return cells.join('\n');
}
