// Issue 11 in the browser: a house an inspector found dangerous on patrol goes the whole way through
// the ledger on the screens — appraised D, its people moved out, planned, worked, completed, accepted
// and closed out (销号) from the household drawer — and its timeline tells each step in order. Plus the
// ledger table, the timeline on a phone, and overdue houses on the map by ledger stage.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/db/demo-users.ts';
import { DESKTOP, PHONE, apiAs, screenshot, signIn, signOut, startE2E, waitForHouses, waitForMapIdle, type E2E } from './harness.ts';

let e: E2E;
/** How long a screen may take to follow a click or a debounced field on a busy two-core machine. */
const SETTLE = 15_000;
/** The house the patrol found: its household, house, household number and head. */
let found: { householdId: number; houseId: number; householdNo: string; headName: string; photo: string };

/** Uploads a JPEG as `username` (multipart, which apiAs does not speak); resolves to its sha256. */
async function uploadPhotoAs(username: string): Promise<string> {
  const login = await fetch(`${e.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const jpeg = await sharp({ create: { width: 160, height: 120, channels: 3, background: '#8b5a2b' } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'wall.jpg');
  const res = await fetch(`${e.url}/api/photos`, { method: 'POST', body: form, headers: { cookie, 'x-csrf-token': csrfToken } });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { photo: { sha256: string } }).photo.sha256;
}

beforeAll(async () => {
  e = await startE2E({ households: 3000, seed: 7, ledger: true });
  // A real patrol: the township dispatches the inspector's village, the inspector reports a through
  // crack with a photo at the first house — the report makes it a suspected house (a case opens).
  const inspector = await apiAs(e, 'inspector');
  const township = await apiAs(e, 'township');
  const villageCode = (await inspector.get('/api/auth/me')).user.region.code as string;
  const houses = (await township.get(`/api/households?region=${villageCode}&grade=A,B&limit=4`)).features.map((f: any) => f.id as number);
  const task = (await township.post('/api/dispatch/manual', { householdIds: houses, dueHours: 8, idempotencyKey: 'e2e-ledger-0001' })).tasks[0];
  const stop = (await inspector.get(`/api/tasks/${task.id}`)).stops[0];
  const photo = await uploadPhotoAs('inspector');
  await inspector.post(`/api/tasks/${task.id}/stops/${stop.id}/result`, {
    result: 'hazard',
    hazards: ['wall_crack'],
    notes: '东墙贯通裂缝约2米',
    observedAt: new Date().toISOString(),
    photos: [photo],
    idempotencyKey: 'e2e-ledger-stop-1',
  });
  const county = await apiAs(e, 'county');
  // The technician who appraises: the county's staff member, with an appraisal training on the ledger.
  const staff = (await county.get('/api/users')).users.find((u: any) => u.username === 'staff');
  await county.post('/api/trainings', { userId: staff.id, kind: 'appraisal', course: '农村住房安全性鉴定技术培训', trainedOn: '2025-03-01', validUntil: '2099-03-01' });
  const detail = await county.get(`/api/households/${stop.householdId}`);
  found = { householdId: detail.id, houseId: detail.house.id, householdNo: detail.householdNo, headName: detail.headName, photo };
  expect((await county.get(`/api/houses/${found.houseId}/ledger`)).state).toBe('suspected');
}, 180_000);

afterAll(async () => {
  await e?.close();
});

/**
 * Opens `path` as the county admin through the sign-in form — or straight away when the browser's
 * shared cookie jar still holds that session (a test before this one failed before signing out).
 */
async function openAsCounty(tp: { page: Page }, path: string) {
  const { page } = tp;
  await page.goto(e.url + path);
  const login = page.getByLabel(/用户名|Username/);
  const header = page.locator('header.app-header');
  await Promise.race([login.waitFor(), header.waitFor()]);
  if (await login.isVisible()) {
    await login.fill('county');
    await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  }
  await header.waitFor();
}

const drawer = (page: Page) => page.locator('.household-drawer');
const stateOf = (page: Page) => drawer(page).getByTestId('ledger-state').textContent();

/** Clicks one of the drawer's ledger buttons and waits for its form. */
async function act(page: Page, action: string) {
  await drawer(page).locator(`.ledger-actions button[data-action="${action}"]`).click();
  const form = page.locator('dialog[open] form.ledger-form');
  await form.waitFor();
  return form;
}

/** A confirm-with-date move: today is the default day. */
async function confirmMove(page: Page, action: string, state: string) {
  const form = await act(page, action);
  await form.getByRole('button', { name: '确认' }).click();
  await expect.poll(() => stateOf(page), { timeout: SETTLE }).toBe(state);
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
}

describe('the ledger (整改台账)', () => {
  it('takes a suspected house from the patrol through appraisal D, move-out, plan, works, acceptance and close-out on the screens', async () => {
    const tp = await e.newPage(DESKTOP);
    const { page } = tp;
    await signIn(page, e.url, '/ledger', 'county');

    // The ledger lists it among the suspected houses; the link keeps the view.
    await page.getByRole('tab', { name: /疑似危房/ }).click();
    await page.getByLabel('查找').fill(found.householdNo);
    await expect.poll(() => new URL(page.url()).search, { timeout: SETTLE }).toContain(`q=${found.householdNo}`);
    expect(new URL(page.url()).search).toContain('state=suspected');
    const row = page.locator(`[data-testid="ledger-row"][data-house="${found.houseId}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: found.headName }).click();
    await expect.poll(() => stateOf(page), { timeout: SETTLE }).toBe('疑似危房');
    expect(new URL(page.url()).searchParams.get('h')).toBe(String(found.householdId));

    // Appraised D by a trained appraiser: into the ledger, with the works deadline and the people-first warning.
    const appraisal = await act(page, 'appraise');
    await appraisal.getByLabel('D级 整幢危房').check();
    const appraiser = appraisal.locator('select[name="appraiserId"]');
    await appraiser.selectOption({ label: 'staff' });
    await appraisal.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => stateOf(page), { timeout: SETTLE }).toBe('已纳入台账');
    await drawer(page).getByTestId('must-move-out').waitFor();
    expect(await drawer(page).getByTestId('works-due').textContent()).toMatch(/\d{4}-(11-30|05-31)/);

    // People first: the household moves to the village committee's rooms.
    const relocation = await act(page, 'relocate');
    await relocation.getByLabel('安置地点').fill('村委会活动室');
    await relocation.getByLabel('安置方式').selectOption('village_room');
    await relocation.getByRole('button', { name: '保存' }).click();
    await drawer(page).getByTestId('must-move-out').waitFor({ state: 'detached', timeout: 15_000 });
    await drawer(page).getByTestId('relocation').waitFor();

    // The plan: demolish and rebuild, a responsible person per stage, funds.
    const plan = await act(page, 'plan');
    await plan.getByLabel('改造方式').selectOption('rebuild');
    await plan.getByLabel('问题清').fill('李村长');
    await plan.getByLabel('鉴定清').fill('王工');
    await plan.getByLabel('改造清').fill('张队长');
    await plan.getByLabel('验收清').fill('赵科长');
    await plan.getByLabel('中央').fill('30000');
    await plan.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => stateOf(page), { timeout: SETTLE }).toBe('已制定方案');
    expect(await drawer(page).getByTestId('plan').textContent()).toContain('拆除重建');

    await confirmMove(page, 'start_works', '改造中');
    await confirmMove(page, 'complete_works', '已竣工待验收');
    await confirmMove(page, 'accept', '已验收待销号');
    await confirmMove(page, 'close_out', '已销号');
    // Home again, in the rebuilt house: the household is no longer away.
    const back = await act(page, 'return');
    await back.getByRole('button', { name: '确认' }).click();
    await drawer(page).getByTestId('relocation').waitFor({ state: 'detached', timeout: 15_000 });
    // Closed out: only a new suspicion or appraisal may open a new case; the closed one is never edited.
    const left = await drawer(page).locator('.ledger-actions button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.action).sort());
    expect(left).toEqual(['appraise', 'suspect']);

    // The story, oldest first: the patrol with its photo, the suspicion, the appraisal, the move-out,
    // the plan, and each move of the works to the close-out.
    const timeline = drawer(page).getByTestId('ledger-timeline');
    const steps = await timeline.locator('> li').evaluateAll((lis) =>
      lis.map((li) => ((li as HTMLElement).dataset.kind === 'transition' ? (li as HTMLElement).dataset.action : (li as HTMLElement).dataset.kind)),
    );
    const wanted = ['stop', 'appraisal', 'relocation', 'plan', 'start_works', 'complete_works', 'accept', 'close_out'];
    let at = -1;
    for (const step of wanted) {
      const next = steps.indexOf(step, at + 1);
      expect(next, `${step} after ${wanted[wanted.indexOf(step) - 1]} in ${steps.join(' → ')}`).toBeGreaterThan(at);
      at = next;
    }
    expect(steps).toContain('suspect');
    const days = await timeline.locator('> li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!));
    expect([...days].sort()).toEqual(days);
    const thumb = timeline.locator(`img[src="/api/photos/${found.photo}/thumb"]`);
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: SETTLE }).toBeGreaterThan(0);
    // The house among the whole ledger (no stage tab), its section from the top: state, facts, story.
    await page.getByRole('tab', { name: /^全部/ }).click();
    await page.locator(`[data-testid="ledger-row"][data-house="${found.houseId}"][data-state="closed_out"]`).waitFor();
    await drawer(page).getByTestId('ledger-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'ledger-timeline');

    await signOut(page);
    await tp.close();
  }, 180_000);

  it('shows the ledger table with its stages, townships and deadlines, and a link reproduces a filtered, sorted view', async () => {
    const tp = await e.newPage(DESKTOP);
    const { page } = tp;
    await openAsCounty(tp, '/ledger');
    await page.getByTestId('ledger-table').waitFor();
    await page.getByTestId('township-strip').waitFor();
    await page.getByTestId('deadlines').locator('strong').first().filter({ hasText: /\d/ }).waitFor();
    await screenshot(page, 'ledger-table');

    // Filters, sort and page from a link: the same rows again after a reload.
    // Works due is the default sort (soonest first): one click turns it round.
    await page.getByRole('button', { name: /改造期限/ }).click();
    await page.locator('.ledger-filters .ledger-chip').filter({ hasText: /^D级$/ }).click();
    await expect.poll(() => new URL(page.url()).search, { timeout: SETTLE }).toContain('grade=D');
    expect(new URL(page.url()).search).toContain('dir=desc');
    await page.locator('.ledger__refreshing').waitFor({ state: 'detached' });
    const first = await page.getByTestId('ledger-row').first().getAttribute('data-house');
    const link = page.url();
    await page.goto(link);
    await page.getByTestId('ledger-table').waitFor();
    expect(await page.getByTestId('ledger-row').first().getAttribute('data-house')).toBe(first);
    expect(await page.getByLabel('D级', { exact: true }).isChecked()).toBe(true);

    // 导出: this view's every row as a CSV Excel reads (UTF-8 with a BOM, Chinese headers).
    const menu = page.getByTestId('export-ledger');
    await menu.locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('a[data-format="csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^安居_台账_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(new URL(download.url()).searchParams.get('grade')).toBe('D');
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^户编号,户主姓名,身份证号,联系电话,/);
    await signOut(page);
    await tp.close();
  }, 120_000);

  it('tells the house\'s story on a phone', async () => {
    const tp = await e.newPage(PHONE, { mobile: true });
    const { page } = tp;
    await openAsCounty(tp, `/ledger?h=${found.householdId}`);
    const timeline = drawer(page).getByTestId('ledger-timeline');
    await timeline.waitFor();
    await expect.poll(() => stateOf(page), { timeout: SETTLE }).toBe('已销号');
    await timeline.locator('> li').nth(2).scrollIntoViewIfNeeded();
    await screenshot(page, 'ledger-timeline-phone');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await drawer(page).getByRole('button', { name: '关闭' }).click();
    await signOut(page);
    await tp.close();
  }, 120_000);

  it('colours the map by ledger stage and marks the overdue houses', async () => {
    const county = await apiAs(e, 'county');
    const overdue = await county.get('/api/ledger?standing=overdue&pageSize=100');
    expect(overdue.total).toBeGreaterThan(0);
    const first = await county.get(`/api/households/${overdue.rows[0].householdId}`);

    const tp = await e.newPage(DESKTOP);
    const { page } = tp;
    await openAsCounty(tp, '/?by=stage');
    await waitForHouses(page);
    await page.locator('.panel--filters .panel__fold').click();
    await waitForMapIdle(page);
    const legend = page.locator('.panel--legend');
    expect(await legend.getByLabel('按台账阶段').isChecked()).toBe(true);
    // The county: each cluster counts the overdue houses in it (逾期 n under its count).
    await expect.poll(() => legend.locator('tr[data-mark="overdue"] .legend__n').textContent(), { timeout: SETTLE }).toBe(String(overdue.total));
    const counted = await page.evaluate(() =>
      window.__anju!.map.queryRenderedFeatures({ layers: ['household-clusters', 'household-overdue'] }).reduce((n, f) => n + (f.properties.point_count ? Number(f.properties.overdue) : 1), 0),
    );
    expect(counted).toBe(overdue.total);
    await screenshot(page, 'ledger-map-overdue');

    // One overdue house up close, in the room the cards leave: its red ring and the word.
    await page.evaluate(({ lon, lat }) => {
      window.__anju!.map.fitBounds([lon, lat, lon, lat], { padding: { top: 80, bottom: 80, left: 420, right: 360 }, maxZoom: 14.6, animate: false });
    }, first.house);
    await waitForMapIdle(page);
    const ringed = await page.evaluate(() => window.__anju!.map.queryRenderedFeatures({ layers: ['household-overdue'] }).map((f) => f.properties.id));
    expect(ringed).toContain(first.id);
    await screenshot(page, 'ledger-map-overdue-house');

    // Back to grades: the same switch, the URL follows.
    await legend.locator('.legend__color-option', { hasText: '按等级' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('by'), { timeout: SETTLE }).toBeNull();
    await signOut(page);
    await tp.close();
  }, 120_000);
});
