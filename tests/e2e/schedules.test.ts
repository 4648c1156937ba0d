// Issue 11 "Schedules" and "Disaster damage reports" in the browser: the township dispatches this
// quarter's revisit of fragile key houses from the board (preview, confirm), sees the kind badge and
// filters by it; the village inspector opens the scheduled task on a phone and reports a house damaged
// by today's flash flood from the stop sheet.
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, apiAs, screenshot, signIn, signOut, startE2E, type E2E } from './harness.ts';

let e: E2E;
let period: string;
let eventId: number;
let villageCode: string;

beforeAll(async () => {
  e = await startE2E({ households: 2500, seed: 11 });
  const township = await apiAs(e, 'township');
  const inspector = await apiAs(e, 'inspector');
  villageCode = (await inspector.get('/api/auth/me')).user.region.code;
  period = (await township.get('/api/schedules')).quarterly.period;
  // The demo village has fragile key houses for the revisit (else this scene proves nothing).
  const key = await township.get(`/api/households?region=${villageCode}&key=true&structure=adobe,earth_wood,brick_wood`);
  expect(key.total).toBeGreaterThan(0);
  const today = (await township.get('/api/disasters')).today;
  eventId = (await township.post('/api/disasters', { name: '今日山洪', type: 'flash_flood', occurredOn: today })).event.id;
}, 120_000);

afterAll(async () => {
  await e?.close();
});

describe('scheduled inspections on the board and in the field', () => {
  it('dispatches this quarter’s revisit from the board after a preview, and tells its tasks apart by kind', async () => {
    const p = await e.newPage(DESKTOP);
    const { page } = p;
    await signIn(page, e.url, '/dispatch', 'township');
    const row = page.getByTestId('schedule-quarterly');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-dispatched')).toBe('false');
    await row.getByRole('button', { name: '派发本季度回访' }).click();

    const dialog = page.getByRole('dialog');
    const totals = dialog.getByTestId('preview-totals');
    await totals.waitFor({ timeout: 30_000 });
    expect(await totals.textContent()).toMatch(/^新派发 \d+ 户、\d+ 个村、\d+ 个任务/);
    expect(await dialog.locator('.preview__rule').textContent()).toContain('土坯房、土木结构、砖木结构的重点房屋');
    await dialog.getByTestId('confirm-schedule').click();
    const result = dialog.getByTestId('schedule-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toMatch(/^已派发：新建 \d+ 个任务/);
    await dialog.locator('.dialog__actions').getByRole('button', { name: '关闭' }).click();

    await expect.poll(() => row.getAttribute('data-dispatched')).toBe('true');
    expect(await row.textContent()).toMatch(/已派 \d+ 户（\d+ 个任务）· 已查 0 户/);
    // The table's kind column: quarterly badges; the filter keeps only them.
    const kinds = page.getByTestId('task-kind');
    await expect.poll(() => kinds.count()).toBeGreaterThan(0);
    await page.getByTestId('kind-filter').getByRole('button', { name: /^季度回访/ }).click();
    await expect.poll(() => page.locator('[data-testid="task-kind"]:not([data-kind="quarterly"])').count()).toBe(0);
    expect(await kinds.first().textContent()).toBe('季度回访');
    expect(page.url()).toContain('kind=quarterly');
    // The disaster of today is listed, nothing reported yet.
    expect(await page.getByTestId('disaster').first().textContent()).toContain('今日山洪');
    await page.locator('.dispatch__map .map-status').waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
    await screenshot(page, 'schedules-board');

    // The task opens with its kind and a title that says which quarter.
    await page.locator('.task-table tbody th .link-button').first().click();
    const drawer = page.locator('.task-drawer');
    await drawer.waitFor();
    const [year, quarter] = period.split('Q');
    await drawer.getByText(`${year}年第${quarter}季度回访`, { exact: false }).first().waitFor();
    // Why the inspector goes: the schedule's rule, not "not part of an alert".
    expect(await drawer.getByTestId('task-why').textContent()).toMatch(/^每季度跟踪回访/);
    await screenshot(page, 'schedules-task-panel');
    await signOut(page);
  });

  it('opens the scheduled task on a phone and reports a house damaged by today’s flash flood', async () => {
    const p = await e.newPage(PHONE, { mobile: true });
    const { page } = p;
    await signIn(page, e.url, '/field', 'inspector');
    const [year, quarter] = period.split('Q');
    await page.getByRole('button', { name: new RegExp(`${year}年第${quarter}季度回访`) }).first().click();
    await page.getByRole('button', { name: /^第 1 户/ }).click();
    const sheet = page.locator('.stop-sheet');
    await sheet.waitFor();
    const stopId = Number(await sheet.getAttribute('data-stop-id'));

    const form = page.getByTestId('damage-report-form');
    await form.locator('summary').click();
    await form.getByText('应于').waitFor();
    await form.getByLabel('严重受损').check();
    await form.getByLabel('不可居住').check();
    await form.getByLabel('受损情况').fill('后墙被山洪冲塌一角');
    const jpeg = await sharp({ create: { width: 96, height: 72, channels: 3, background: '#6b4f2a' } }).jpeg().toBuffer();
    await form.getByLabel('拍受损照片').setInputFiles({ name: 'damage.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await form.getByRole('img', { name: '受损照片 1' }).waitFor();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'schedules-field-damage-form-phone');
    await form.getByRole('button', { name: '上报', exact: true }).click();
    const done = page.getByTestId('damage-reported');
    await done.waitFor({ timeout: 20_000 });
    expect(await done.textContent()).toBe('已上报（今日山洪）：严重受损');
    // Severe and not fit to live in: the house is now suspected (the ledger), and the sheet says so.
    await sheet.locator('.stop-sheet__badges').getByText('疑似危房').waitFor({ timeout: 20_000 });
    await done.scrollIntoViewIfNeeded();
    await screenshot(page, 'schedules-field-damage-phone');

    const db = new Database(e.dbPath, { readonly: true });
    try {
      const house = (db.prepare('SELECT house_id FROM patrol_stops WHERE id = ?').get(stopId) as { house_id: number }).house_id;
      const rows = db.prepare('SELECT degree, habitable, notes, late, (SELECT count(*) FROM damage_report_photos p WHERE p.report_id = d.id) AS photos FROM damage_reports d WHERE event_id = ? AND house_id = ?').all(eventId, house);
      expect(rows).toEqual([{ degree: 'severe', habitable: 0, notes: '后墙被山洪冲塌一角', late: 0, photos: 1 }]);
    } finally {
      db.close();
    }
    await signOut(page);
  });

  it('shows the township the damaged house under its event on the board', async () => {
    const p = await e.newPage(DESKTOP);
    const { page } = p;
    await signIn(page, e.url, '/dispatch', 'township');
    const event = page.getByTestId('disaster').filter({ hasText: '今日山洪' });
    await event.waitFor({ timeout: 30_000 });
    expect(await event.locator('.disaster__counts').textContent()).toBe('已报 1 户 · 1 户不可居住 · 严重受损 1');
    // …and among the houses awaiting appraisal.
    await page.getByText('待鉴定（疑似危房）').waitFor();
    await event.getByRole('button', { name: /今日山洪/ }).click();
    const report = event.getByTestId('damage-report');
    await report.waitFor();
    expect(await report.getAttribute('data-late')).toBe('false');
    expect(await report.textContent()).toContain('严重受损');
    await page.getByRole('heading', { name: '灾损上报' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('.patrol-map[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 }).catch(() => {});
    await screenshot(page, 'schedules-disasters-board');
    await signOut(page);
  });
});
