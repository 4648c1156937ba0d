// Issue 13 in the browser: county staff import a county ledger kept in GBK (as county offices' Excel
// saves CSV) on the 数据导入 screen. The dry run names every bad row and column and writes nothing; an
// unknown column and an unknown value are mapped in the mapping step and checked again; the corrected
// file commits and the screen shows what it wrote. A village boundary is replaced from GeoJSON. Township
// staff compare their township with the national system's export (账账相符) and sync the civil-affairs
// name list. Screenshots at 1440×900 and 390×844: the preview with errors, the mapping step, the
// boundaries, the cross-check result, the name-list difference.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badChecksum, gbkCsv, LEDGER_HEADERS, ledgerRows, spots, type LedgerRow, type Spot } from '../api/import-files.ts';
import { cipherOf, NAMELIST_HEADER, namelistRow, newIdCard, sceneHouseholds, toCsv, word, type SceneHousehold } from '../api/list-scene.ts';
import { DESKTOP, PHONE, screenshot, signInByApi, startE2E, type E2E, type TestPage } from './harness.ts';

let e2e: E2E;
let desk: TestPage;
let phone: TestPage;
let places: Spot[];

beforeAll(async () => {
  e2e = await startE2E({ households: 1200, seed: 13 });
  [desk, phone] = await Promise.all([e2e.newPage(DESKTOP), e2e.newPage(PHONE, { mobile: true })]);
  await Promise.all([signInByApi(desk.context, e2e.url, 'county'), signInByApi(phone.context, e2e.url, 'county')]);
  const db = new Database(e2e.dbPath, { readonly: true });
  try {
    places = spots(db, { limit: 200 });
  } finally {
    db.close();
  }
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

const settle = (page: Page) => page.evaluate(() => document.fonts.ready.then(() => undefined));
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

function count(table: 'households' | 'appraisals'): number {
  const db = new Database(e2e.dbPath, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A column no synonym knows: the mapping step must ask what it is. */
const UNKNOWN_HEADER = '住房建筑面积';
const HEADERS = [...LEDGER_HEADERS, UNKNOWN_HEADER];
/** Data rows start on Excel line 2 (line 1 is the header). */
const lineOf = (index: number) => index + 2;

/** Twelve new households of the seeded county, each with a floor area in the unknown column. */
const cleanRows = (): (LedgerRow & Record<string, string>)[] => ledgerRows(places, 12, 0).map((r, i) => ({ ...r, [UNKNOWN_HEADER]: String(60 + i) }));

/** The same rows with five mistakes a county ledger really has. */
function faultyRows() {
  const rows = cleanRows();
  rows[1]!.身份证号 = badChecksum(rows[1]!.身份证号);
  rows[3]!.所属村 = '不存在村';
  Object.assign(rows[5]!, { 鉴定等级: 'C级', 鉴定时间: '2099-01-01' });
  rows[7]!.身份证号 = rows[6]!.身份证号;
  rows[9]!.结构类型 = '竹木结构';
  return rows;
}

const batchStatus = (page: Page) => page.getByTestId('import-batch').getAttribute('data-status');

/** Waits until the server has checked (or written) the batch the screen follows. */
async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="import-batch"]')?.getAttribute('data-status');
    return s !== undefined && s !== null && s !== 'checking' && s !== 'committing';
  });
  return (await batchStatus(page))!;
}

/** Chooses the kind, picks the file and uploads it; `shot` names a screenshot of the form just before. */
async function uploadFile(page: Page, kind: string, name: string, bytes: Uint8Array, shot?: string): Promise<string> {
  await page.goto(`${e2e.url}/import`);
  await page.getByRole('heading', { name: '数据导入' }).waitFor();
  await page.getByTestId(`import-kind-${kind}`).click();
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer: Buffer.from(bytes) });
  if (shot) {
    await settle(page);
    await screenshot(page, shot);
  }
  await page.getByRole('button', { name: '上传并检查' }).click();
  await page.getByTestId('import-batch').waitFor();
  return settled(page);
}

const problemsAt = (page: Page, row: number) => page.locator(`[data-testid="import-problem"][data-row="${row}"]`);

describe('importing a county ledger on the 数据导入 screen', () => {
  let batchUrl = '';

  it('names every bad row and column of a GBK file in the dry run, and writes nothing', async () => {
    const page = desk.page;
    // The first two steps on a phone: the kinds and the form stack, nothing wider than the screen.
    await phone.page.goto(`${e2e.url}/import?kind=households`);
    await phone.page.getByTestId('import-file-drop').waitFor();
    await settle(phone.page);
    await fitsPhone(phone.page);
    await screenshot(phone.page, 'import-upload-phone');

    const before = count('households');
    expect(await uploadFile(page, 'households', '台账-有错误.csv', gbkCsv(faultyRows(), HEADERS), 'import-upload')).toBe('invalid');
    batchUrl = page.url();
    expect(batchUrl).toMatch(/\/import\?batch=\d+$/);

    // Read as GBK without being told; every problem in its row and column.
    expect(await page.getByTestId('import-batch').textContent()).toMatch(/gb18030/i);
    const at = async (index: number, column: string, text: RegExp) => {
      const row = problemsAt(page, lineOf(index)).filter({ hasText: column });
      expect(await row.count(), `line ${lineOf(index)} ${column}`).toBeGreaterThan(0);
      expect(await row.first().textContent()).toMatch(text);
    };
    await at(1, '身份证号', /校验/);
    await at(3, '所属村', /不存在村/);
    await at(5, '鉴定时间', /晚于今天/);
    await at(7, '身份证号', new RegExp(`第 ${lineOf(6)} 行`));
    await at(9, '结构类型', /竹木结构/);
    // The bad ID card is shown masked, never in clear.
    const badCard = faultyRows()[1]!.身份证号;
    const shown = await page.getByTestId('import-problems').textContent();
    expect(shown).not.toContain(badCard);
    expect(shown).toContain(`${badCard.slice(0, 4)}**********${badCard.slice(-4)}`);
    // Filter by kind of problem: the ID-card checksum alone.
    await page.getByTestId('import-problem-filter').selectOption('id_card_checksum');
    expect(await page.getByTestId('import-problem').count()).toBe(1);
    await page.getByTestId('import-problem-filter').selectOption('');

    // No commit while problems remain, and the screen says why.
    expect(await page.getByTestId('import-commit-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-commit-why').textContent()).toMatch(/还有 5 个问题/);
    expect(await page.getByTestId('import-problems-csv').getAttribute('href')).toMatch(/^\/api\/imports\/\d+\/problems\.csv$/);
    await settle(page);
    await page.getByTestId('import-problems').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-preview-errors');
    expect(count('households')).toBe(before);

    // The same batch on a phone: the steps stack, the tables scroll inside their cards.
    await phone.page.goto(batchUrl);
    await phone.page.getByTestId('import-problems').waitFor();
    await settle(phone.page);
    await fitsPhone(phone.page);
    await phone.page.getByTestId('import-problems').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'import-preview-errors-phone');
  });

  it('maps an unknown column and an unknown value, and checks the file again', async () => {
    const page = desk.page;
    const mapping = page.getByTestId('import-mapping');
    const unknownRow = mapping.locator(`[data-testid="import-mapping-row"][data-header="${UNKNOWN_HEADER}"]`);
    expect(await unknownRow.getAttribute('class')).toMatch(/unknown/);
    expect(await unknownRow.textContent()).toContain('未识别');
    await unknownRow.locator('select').selectOption('floor_area');
    // 竹木结构 is not in the vocabulary: the user says it is a timber house.
    await page.getByTestId('import-values').getByRole('combobox').first().selectOption('timber');
    await settle(page);
    await mapping.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-mapping');

    await phone.page.goto(batchUrl);
    await phone.page.getByTestId('import-mapping').waitFor();
    await phone.page.getByTestId('import-mapping').scrollIntoViewIfNeeded();
    await settle(phone.page);
    await fitsPhone(phone.page);
    await screenshot(phone.page, 'import-mapping-phone');

    const checkedAt = await page.getByTestId('import-batch').getAttribute('data-checked-at');
    await page.getByTestId('import-recheck').click();
    // The answer of the check asked for now, not the one on the screen before the click.
    await page.locator(`[data-testid="import-batch"]:not([data-checked-at="${checkedAt}"])`).waitFor();
    expect(await settled(page)).toBe('invalid');
    // The column is read now, the value understood; the four real mistakes remain.
    expect(await unknownRow.textContent()).not.toContain('未识别');
    expect(await problemsAt(page, lineOf(9)).count()).toBe(0);
    expect(await page.getByTestId('import-commit-why').textContent()).toMatch(/还有 4 个问题/);
  });

  it('commits the corrected file and shows what it wrote', async () => {
    const page = desk.page;
    const before = { households: count('households'), appraisals: count('appraisals') };
    const rows = cleanRows().map((r, i) => (i === 9 ? { ...r, 结构类型: '木结构' } : r));
    expect(await uploadFile(page, 'households', '台账-已改正.csv', gbkCsv(rows, HEADERS))).toBe('ready');
    const summary = page.getByTestId('import-summary');
    expect(await summary.locator('[data-count="create"] dd').textContent()).toBe('12');
    expect(await summary.locator('[data-count="appraisals"] dd').textContent()).toBe('3');
    expect(await page.getByTestId('import-problems').count()).toBe(0);

    await page.getByTestId('import-commit-button').click();
    await page.locator('[data-testid="import-batch"][data-status="committed"]').waitFor();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('12');
    expect(count('households')).toBe(before.households + 12);
    expect(count('appraisals')).toBe(before.appraisals + 3);
    // The history lists both files, newest first.
    const history = page.getByTestId('import-history-item');
    expect(await history.first().textContent()).toContain('台账-已改正.csv');
    expect(await history.first().textContent()).toContain('已导入');
    await settle(page);
    await screenshot(page, 'import-committed');
  });
});

describe('importing boundaries', () => {
  it('matches a village boundary from a GeoJSON file by its code, counts the houses it leaves out, and replaces it', async () => {
    const page = desk.page;
    const db = new Database(e2e.dbPath, { readonly: true });
    const village = db.prepare("SELECT code, name, boundary, center_lon, center_lat FROM regions WHERE level = 'village' AND boundary IS NOT NULL ORDER BY code LIMIT 1").get() as {
      code: string;
      name: string;
      boundary: string;
      center_lon: number;
      center_lat: number;
    };
    db.close();
    // The village as surveyed again: drawn a fifth smaller around its centre, so some houses fall outside.
    const shrink = (c: unknown): unknown =>
      typeof (c as number[])[0] === 'number'
        ? [village.center_lon + 0.8 * ((c as number[])[0]! - village.center_lon), village.center_lat + 0.8 * ((c as number[])[1]! - village.center_lat)]
        : (c as unknown[]).map(shrink);
    const geometry = JSON.parse(village.boundary) as { type: string; coordinates: unknown };
    const file = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { XZQDM: village.code, XZQMC: village.name }, geometry: { ...geometry, coordinates: shrink(geometry.coordinates) } }],
    };
    expect(await uploadFile(page, 'boundaries', '村界.geojson', new TextEncoder().encode(JSON.stringify(file)))).toBe('ready');
    const feature = page.getByTestId('import-feature');
    expect(await feature.count()).toBe(1);
    expect(await feature.textContent()).toContain(village.code);
    expect(await feature.textContent()).toContain('是');
    await settle(page);
    await screenshot(page, 'import-boundaries');

    await page.getByTestId('import-commit-button').click();
    await page.locator('[data-testid="import-batch"][data-status="committed"]').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toMatch(/更新村边界\s*1/);
  });
});

describe('township staff: cross-check and name-list sync', () => {
  let township: SceneHousehold[];

  beforeAll(async () => {
    const db = new Database(e2e.dbPath, { readonly: true });
    try {
      const code = db.prepare("SELECT region_code FROM users WHERE username = 'township'").pluck().get() as string;
      township = sceneHouseholds(db, cipherOf(e2e.dbPath)).filter((h) => h.townshipCode === code);
    } finally {
      db.close();
    }
    // The browser's one cookie jar: from here on every page is the township's.
    await signInByApi(desk.context, e2e.url, 'township');
  });

  it('lists every mismatch with the national system, filterable by field, and writes nothing', async () => {
    const page = desk.page;
    const header = ['户主姓名', '身份证号码', '乡(镇)', '行政村', '房屋结构类型', '房屋安全等级', '住房安全保障方式', '重点对象类型'];
    const graded = township.filter((h) => h.grade !== null);
    const regraded = new Map(graded.slice(0, 2).map((h) => [h.id, { ...h, grade: h.grade === 'A' ? 'B' : 'A' }]));
    const restructured = new Map(graded.slice(2, 3).map((h) => [h.id, { ...h, structure: h.structure === 'adobe' ? 'brick_concrete' : 'adobe' }]));
    const missing = township.at(-1)!;
    const national = [
      ...township.filter((h) => h !== missing).map((h) => regraded.get(h.id) ?? restructured.get(h.id) ?? h),
      { ...township[0]!, headName: '国家户甲', idCard: newIdCard(7) },
    ].map((h) => [h.headName, h.idCard, h.township, h.village, word.structure(h.structure), word.grade(h.grade), word.guarantee(h.guaranteeMode), word.category(h.category)]);
    const before = count('households');

    expect(await uploadFile(page, 'crosscheck', '国家系统导出.csv', toCsv(header, national))).toBe('ready');
    const summary = page.getByTestId('import-summary');
    expect(await summary.locator('[data-count="mismatches"] dd').textContent()).toBe('3');
    expect(await summary.locator('[data-count="onlyNational"] dd').textContent()).toBe('1');
    expect(await summary.locator('[data-count="onlyAnju"] dd').textContent()).toBe('1');
    expect(await page.getByTestId('import-mismatch').count()).toBe(5);
    // A cross-check has nothing to commit.
    expect(await page.getByTestId('import-commit').count()).toBe(0);
    expect(await page.getByTestId('import-mismatches-csv').getAttribute('href')).toMatch(/\/mismatches\.csv$/);
    // Grade mismatches alone, in words: Anju's grade against the national one.
    await page.getByTestId('import-mismatch-filter').selectOption('grade');
    expect(await page.getByTestId('import-mismatch').count()).toBe(2);
    const first = [...regraded.values()][0]!;
    const row = page.getByTestId('import-mismatch').filter({ hasText: first.headName }).first();
    expect(await row.textContent()).toContain(`${first.grade}级`);
    await page.getByTestId('import-mismatch-filter').selectOption('');
    // ID cards masked.
    expect(await page.getByTestId('import-crosscheck').textContent()).not.toContain(township[0]!.idCard);
    await settle(page);
    await page.getByTestId('import-crosscheck').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-crosscheck');
    expect(count('households')).toBe(before);

    await phone.page.goto(page.url());
    await phone.page.getByTestId('import-crosscheck').waitFor();
    await phone.page.getByTestId('import-crosscheck').scrollIntoViewIfNeeded();
    await settle(phone.page);
    await fitsPhone(phone.page);
    await screenshot(phone.page, 'import-crosscheck-phone');
  });

  it('shows the name-list difference in three tabs and applies it after saying what it will do', async () => {
    const page = desk.page;
    const left = township.slice(-3);
    const recategorised = new Map(township.slice(0, 2).map((h) => [h.id, { ...h, category: h.category === 'dibao' ? 'tekun' : 'dibao' }]));
    const newcomers = [0, 1].map((i) => ({ ...township[i]!, headName: `新户${'甲乙'[i]}`, idCard: newIdCard(20 + i), members: 2 + i }));
    const list = [...township.filter((h) => !left.includes(h)).map((h) => recategorised.get(h.id) ?? h), ...newcomers].map((h, i) => namelistRow(h, i));

    expect(await uploadFile(page, 'namelist', '民政名单.csv', gbkCsv(list.map((r) => Object.fromEntries(NAMELIST_HEADER.map((h, i) => [h, String(r[i] ?? '')]))), NAMELIST_HEADER))).toBe('ready');
    const tab = (k: string) => page.getByTestId(`import-tab-${k}`);
    expect(await tab('added').textContent()).toContain('2');
    expect(await tab('left').textContent()).toContain('3');
    expect(await tab('changed').textContent()).toContain('2');
    expect(await page.getByTestId('import-diff-row').count()).toBe(2);
    expect(await page.getByTestId('import-namelist').textContent()).toContain('新户甲');
    await tab('changed').click();
    const changed = page.getByTestId('import-diff-row').first();
    expect(await changed.textContent()).toMatch(/监测对象类别：.+ → .+/);
    await settle(page);
    await page.getByTestId('import-namelist').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-namelist');

    await phone.page.goto(page.url());
    await phone.page.getByTestId('import-namelist').waitFor();
    await phone.page.getByTestId('import-namelist').scrollIntoViewIfNeeded();
    await settle(phone.page);
    await fitsPhone(phone.page);
    await screenshot(phone.page, 'import-namelist-phone');

    const before = count('households');
    await page.getByTestId('import-commit-button').click();
    expect(await page.getByTestId('import-apply-confirm').textContent()).toContain('将新增 2 户、标记退出 3 户、更新 2 户');
    await page.getByTestId('import-apply-go').click();
    await page.locator('[data-testid="import-batch"][data-status="committed"]').waitFor();
    expect(count('households')).toBe(before + 2);
    const db = new Database(e2e.dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM households WHERE delisted_on IS NOT NULL').pluck().get()).toBe(3);
    } finally {
      db.close();
    }
    // A household gone from the list stays on the map, and its record says so.
    await page.goto(`${e2e.url}/?h=${left[0]!.id}`);
    await page.getByTestId('region-path').waitFor();
    expect(await page.locator('.drawer__badges').textContent()).toMatch(/已退出名单（\d{4}-\d{2}-\d{2}）/);
    await settle(page);
    await screenshot(page, 'import-delisted-drawer');
  });
});
