// Accounts and roles in a real browser (issue 4): the sign-in page on a desktop and a phone; a township
// worker and the county administrator signed in through the form in turn, seeing different things; the
// county administrator unmasking a household's ID card and phone with a reason, finding that view at
// the top of the audit log, on a desktop and (as cards) on a phone.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/db/demo-users.ts';
import { DESKTOP, PHONE, expectConsoleErrors, expectNewData, screenshot, signIn, startE2E, waitForHouses, type E2E, type TestPage } from './harness.ts';

const MASKED_ID = /^\d{4}\*+\d{3}[\dX]$/;
const CLEAR_ID = /^\d{17}[\dX]$/;
const HOUSEHOLDS = 1500;
const REASON = '核实联系电话，通知汛期转移';

let e2e: E2E;
let desk: TestPage;
let phone: TestPage;

beforeAll(async () => {
  e2e = await startE2E({ households: HOUSEHOLDS, seed: 11 });
  [desk, phone] = await Promise.all([e2e.newPage(DESKTOP), e2e.newPage(PHONE, { mobile: true })]);
});

afterAll(async () => {
  await e2e?.close();
});

function expectClean(tp: TestPage) {
  expect(tp.consoleErrors).toEqual([]);
  expect(tp.outsideRequests).toEqual([]);
}

/** In-app navigation (what a link or the back button does), without reloading the page. */
async function goInApp(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** The first household the signed-in account may see. */
async function firstHousehold(tp: TestPage): Promise<number> {
  const res = await tp.context.request.get(`${e2e.url}/api/households?limit=1`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { features: { id: number }[] }).features[0]!.id;
}

/** Waits until the page has logged nothing new for half a second (at most 5 s). */
async function quiet(tp: TestPage) {
  for (let n = -1, i = 0; n !== tp.consoleErrors.length && i < 10; i++) {
    n = tp.consoleErrors.length;
    await tp.page.waitForTimeout(500);
  }
}

async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

// includeHidden: the audit log sits in the header's 更多 menu, closed until opened.
const auditLink = (page: Page) => page.getByRole('navigation').getByRole('link', { name: '审计日志', includeHidden: true });

describe('accounts and roles', () => {
  it('shows the sign-in page, readable on a desktop and a phone, with no console error', async () => {
    await Promise.all([desk.page.goto(e2e.url), phone.page.goto(e2e.url)]);
    for (const [tp, name] of [[desk, 'login-desktop'], [phone, 'login-phone']] as const) {
      await tp.page.getByLabel('用户名').waitFor();
      expect(await tp.page.getByRole('button', { name: '登录' }).isVisible()).toBe(true);
      await settle(tp.page);
      await screenshot(tp.page, name);
      // Nothing overflows sideways on the phone.
      expect(await tp.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(tp === phone ? PHONE.width : DESKTOP.width);
      expectClean(tp);
    }
  });

  // One browser keeps one cookie jar here (the single-process Chromium shares it between contexts), so
  // the two accounts take turns on the desktop page: the township worker signs in, looks, signs out.
  it('signs in through the form as township, then as county: different jurisdictions, different tools', async () => {
    const page = desk.page;
    await signIn(page, e2e.url, '/', 'township');
    const township = await waitForHouses(page);
    expect(await page.getByTestId('current-user').textContent()).toContain('乡镇工作人员');
    expect(await auditLink(page).count()).toBe(0);
    // The township worker's drawer: masked numbers and no way to unmask them.
    await goInApp(page, `/?h=${await firstHousehold(desk)}`);
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('id-card').textContent(), { timeout: 10_000 }).toMatch(MASKED_ID);
    expect(await drawer.getByTestId('unmask-open').count()).toBe(0);
    // …and the audit log is not theirs, not even by its address.
    expect((await desk.context.request.get(`${e2e.url}/api/audit`)).status()).toBe(403);
    await page.keyboard.press('Escape');
    const before = desk.consoleErrors.length;
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.getByLabel('用户名').waitFor();
    await quiet(desk);
    // Signing out unmounts the screen before its data is dropped: no query runs without a session.
    const atSignOut = desk.consoleErrors.splice(before);
    expect(atSignOut).toEqual([]);

    await page.getByLabel('用户名').fill('county');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: 10_000 }).toContain('县级管理员');
    const county = await waitForHouses(page);
    expect(county).toBe(HOUSEHOLDS);
    expect(township).toBeGreaterThan(0);
    expect(township).toBeLessThan(county);
    expect(await auditLink(page).count()).toBe(1);
    expectClean(desk);
  }, 50_000);

  it('lets the county administrator unmask a household with a reason, for this drawer only', async () => {
    const page = desk.page;
    // A change with a before and an after for the log to show: the administrator renames the viewer.
    const api = desk.context.request;
    const { csrfToken } = (await (await api.get(`${e2e.url}/api/auth/me`)).json()) as { csrfToken: string };
    const { users } = (await (await api.get(`${e2e.url}/api/users`)).json()) as { users: { id: number; username: string }[] };
    const viewer = users.find((u) => u.username === 'viewer')!;
    const renamed = await api.patch(`${e2e.url}/api/users/${viewer.id}`, { data: { displayName: '只读用户（演示）' }, headers: { 'x-csrf-token': csrfToken } });
    expect(renamed.status()).toBe(200);

    const id = await firstHousehold(desk);
    await goInApp(page, `/?h=${id}`);
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('id-card').textContent(), { timeout: 10_000 }).toMatch(MASKED_ID);

    await drawer.getByTestId('unmask-open').click();
    const reason = drawer.getByLabel('查看原因');
    // Too short a reason is refused before anything is sent.
    await reason.fill('核实');
    await drawer.getByRole('button', { name: '确认查看' }).click();
    await expect.poll(() => drawer.getByRole('alert').textContent()).toContain('至少 4 个字');

    await reason.fill(REASON);
    await drawer.getByRole('button', { name: '确认查看' }).click();
    const clearId = drawer.getByTestId('clear-id-card');
    await expect.poll(() => clearId.textContent(), { timeout: 10_000 }).toMatch(CLEAR_ID);
    const masked = (await drawer.getByTestId('id-card').textContent())!;
    const clear = (await clearId.textContent())!;
    expect(clear.slice(0, 4)).toBe(masked.slice(0, 4));
    expect(clear.slice(-4)).toBe(masked.slice(-4));
    expect(await drawer.getByTestId('clear-phone').textContent()).toMatch(/^1\d{10}$|未登记/);
    expect(await drawer.getByTestId('unmask-clear').textContent()).toContain('已记入审计日志');
    await settle(page);
    await screenshot(page, 'unmask-desktop');

    // Closed and opened again, the drawer is masked again.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await goInApp(page, `/?h=${id}`);
    await drawer.getByTestId('unmask-open').waitFor({ timeout: 10_000 });
    expect(await drawer.getByTestId('clear-id-card').count()).toBe(0);
    await page.keyboard.press('Escape');

    // The header's 更多 menu opens the audit log: the unmasking is the newest entry, with who, role and why.
    await page.getByRole('navigation').getByText('更多').click();
    await auditLink(page).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/audit');
    const top = page.getByTestId('audit-row').first();
    await top.waitFor({ timeout: 10_000 });
    expect(await top.getAttribute('data-action')).toBe('unmask');
    const text = (await top.textContent())!;
    expect(text).toContain(REASON);
    expect(text).toContain('县住建局管理员');
    expect(text).toContain('县级管理员');
    expect(text).toContain(`#${id}`);
    // Below it the rename, as the changed field only: before → after.
    const rename = page.getByTestId('audit-row').nth(1);
    expect(await rename.getAttribute('data-action')).toBe('user.update');
    const diff = rename.locator('.audit-diff__line');
    expect(await diff.count()).toBe(1);
    expect(await diff.locator('.audit-diff__field').textContent()).toBe('姓名');
    expect(await diff.locator('del').textContent()).toBe('只读用户');
    expect(await diff.locator('ins').textContent()).toBe('只读用户（演示）');
    expect(await page.getByRole('heading', { name: '审计日志' }).count()).toBe(1);
    await settle(page);
    await screenshot(page, 'audit-desktop');
    expectClean(desk);
  }, 45_000);

  it('shows the audit log as cards on a phone', async () => {
    const page = phone.page;
    await page.goto(`${e2e.url}/audit`);
    // The browser's session is the county administrator's already; sign in if this page has none.
    const signedIn = page.getByTestId('current-user');
    await signedIn.or(page.getByLabel('用户名')).first().waitFor({ state: 'attached', timeout: 15_000 });
    if (!(await signedIn.count())) {
      await page.getByLabel('用户名').fill('county');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
    }
    await expect.poll(() => signedIn.textContent(), { timeout: 10_000 }).toContain('县级管理员');
    expect(await auditLink(page).getAttribute('aria-current')).toBe('page');
    const top = page.getByTestId('audit-row').first();
    await top.waitFor({ timeout: 10_000 });
    // Newest first: the unmasking (after this page's own sign-in, if it needed one).
    const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions.filter((a) => a !== 'login')[0]).toBe('unmask');
    // Cards, not a table: the rows are as wide as the screen allows and nothing scrolls sideways.
    expect(await page.locator('.audit-table thead').isVisible()).toBe(false);
    const box = (await top.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.width).toBeGreaterThan(PHONE.width - 40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await settle(page);
    await screenshot(page, 'audit-phone');
    expectClean(phone);
  }, 30_000);
  it('keeps what was typed when the session expires mid-work, under a sign-in dialog', async () => {
    const { page } = desk;
    await page.goto(`${e2e.url}/`);
    if (await page.getByLabel('用户名').isVisible().catch(() => false)) await signIn(page, e2e.url, '/', 'county');
    await waitForHouses(page);
    const search = page.getByRole('combobox').or(page.getByLabel('搜索农户')).first();
    // Typing searches (debounced); let that answer come before the session ends.
    const searched = page.waitForResponse((r) => r.url().includes('/api/households') && r.url().includes('q='));
    await search.fill('汛前排查记录未写完');
    await searched;
    await page.keyboard.press('Escape'); // close the search suggestions
    // The session ends behind the user's back (expired or revoked): gone from the server's table.
    const db = new Database(e2e.dbPath);
    try {
      db.prepare('DELETE FROM sessions').run();
    } finally {
      db.close();
    }
    // The map keeps showing every house until the filtered answer comes: wait for that one, not these.
    await expectNewData(page);
    await page.locator('.panel--filters').getByLabel(/^D级/).uncheck();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain('登录已过期');
    // The screen is still there under the dialog, with the text as typed; the account is filled in.
    expect(await search.inputValue()).toBe('汛前排查记录未写完');
    expect(await dialog.getByLabel('用户名').inputValue()).toBe('county');
    await screenshot(page, 'session-expired-desktop');
    await dialog.getByLabel('密码').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await search.inputValue()).toBe('汛前排查记录未写完');
    // What failed with 401 is asked again: the map draws the filter that was set (no D houses).
    await expect.poll(() => page.url()).toContain('grade=');
    // The map may first settle on the houses it still holds; the filtered answer replaces them.
    await expect.poll(() => waitForHouses(page), { timeout: 30_000 }).toBeLessThan(HOUSEHOLDS);
    expect(await waitForHouses(page)).toBeGreaterThan(0);
    // The requests the expired session refused were logged (401), and nothing else (the harness checks the rest).
    expectConsoleErrors(desk, /status of 401 .*@ http:\/\/127\.0\.0\.1:\d+\/api\//);
  });
});
