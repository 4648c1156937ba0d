// Issue 10 §2 and §5 in the browser: the county administrator runs the county from /admin — creates a
// village inspector with a one-time password, who signs in, must choose their own password first and
// then lands on /field; sets one-time passwords for a township and prints the slips (A4, print media);
// reads the training ledger; edits a dispatch rule with a preview. Screenshots at 1440×900 and 390×844.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, apiAs, screenshot, signIn, signOut, startE2E, type E2E, type TestPage } from './harness.ts';

let e2e: E2E;
let desk: TestPage;
let phone: TestPage;
let village: { code: string; name: string; township: string };
const NEW_INSPECTOR = { username: 'zhang.san', name: '张三', phone: '13912345678', password: 'temporary-pass-1', own: 'my river house 9' };

beforeAll(async () => {
  e2e = await startE2E({ households: 1500, seed: 11 });
  [desk, phone] = await Promise.all([e2e.newPage(DESKTOP), e2e.newPage(PHONE, { mobile: true })]);
  const county = await apiAs(e2e, 'county');
  const tree = (await county.get('/api/regions')).county;
  const town = tree.children[1];
  village = { code: town.children[0].code, name: town.children[0].name, township: town.name };
  // An active red rainstorm over the whole county, for the rule preview.
  const box = (await county.get('/api/basemap/county')).features[0].geometry.coordinates.flat(3) as number[];
  const xs = box.filter((_, i) => i % 2 === 0);
  const ys = box.filter((_, i) => i % 2 === 1);
  const [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  await county.post('/api/alerts', {
    type: 'rainstorm',
    level: 'red',
    headline: '县气象台发布暴雨红色预警',
    expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
    geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
  });
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

function expectClean(tp: TestPage) {
  expect(tp.consoleErrors).toEqual([]);
  expect(tp.outsideRequests).toEqual([]);
}

const settle = (page: Page) => page.evaluate(() => document.fonts.ready.then(() => undefined));

/** Nothing sticks out sideways on the phone. */
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

/** The same screen on the phone (the harness's contexts share one cookie jar: the same account). */
async function onPhone(path: string, name: string, ready: (page: Page) => Promise<unknown>) {
  await phone.page.goto(e2e.url + path);
  await ready(phone.page);
  await settle(phone.page);
  await fitsPhone(phone.page);
  await screenshot(phone.page, `${name}-phone`);
}

describe('administration', () => {
  it('lists, filters and creates accounts; the new inspector’s password is one-time', async () => {
    const page = desk.page;
    await signIn(page, e2e.url, '/admin');
    const rows = page.getByTestId('user-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(150);
    // The seeded village inspectors have no password yet: the status filter finds them.
    await page.getByLabel('状态').selectOption('no_password');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(150);
    await page.getByLabel('状态').selectOption('');
    await settle(page);
    await screenshot(page, 'admin-users-desktop');
    await onPhone('/admin', 'admin-users', (p) => p.getByTestId('user-row').first().waitFor());

    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('姓名').fill(NEW_INSPECTOR.name);
    await form.getByLabel(/^用户名/).fill(NEW_INSPECTOR.username);
    await form.getByLabel('角色').selectOption('inspector');
    await form.getByLabel(/辖区/).selectOption(village.code);
    await form.getByLabel(/手机号/).fill(NEW_INSPECTOR.phone);
    await form.getByLabel(/新密码/).fill(NEW_INSPECTOR.password);
    expect(await form.getByLabel(/首次登录时必须修改密码/).isChecked()).toBe(true);
    await settle(page);
    await screenshot(page, 'admin-user-dialog-desktop');
    await form.getByRole('button', { name: '创建账号' }).click();
    const row = page.locator(`[data-testid="user-row"][data-username="${NEW_INSPECTOR.username}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('139****5678');
    expect(await row.textContent()).toContain('待改密码');
    expect(await row.textContent()).not.toContain(NEW_INSPECTOR.phone);
    expectClean(desk);
  }, 90_000);

  it('shows the training ledger with lapsed trainings first and lets a training be recorded', async () => {
    const page = desk.page;
    await page.getByRole('link', { name: '培训台账' }).click();
    const lapsed = page.locator('[data-testid="training-row"][data-standing="lapsed"]');
    await expect.poll(() => lapsed.count(), { timeout: 10_000 }).toBe(9); // one village in twenty, and the lapsed technician jianding-zhao (README)
    expect(await page.getByTestId('training-row').first().getAttribute('data-standing')).toBe('lapsed');
    // The new inspector has none; recording one makes them trained.
    const mine = page.locator('[data-testid="training-row"]', { hasText: NEW_INSPECTOR.name });
    expect(await mine.getAttribute('data-standing')).toBe('none');
    const record = page.getByTestId('record-training');
    await record.getByLabel(/参训人员/).fill(NEW_INSPECTOR.username);
    await record.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => mine.getAttribute('data-standing')).toBe('valid');
    await settle(page);
    await screenshot(page, 'admin-trainings-desktop');
    await onPhone('/admin/trainings', 'admin-trainings', (p) => p.getByTestId('training-row').first().waitFor());
    expectClean(desk);
  }, 60_000);

  it('edits a dispatch rule with a preview of what it selects under the active warning', async () => {
    const page = desk.page;
    await page.getByRole('link', { name: '派发规则' }).click();
    const open = async (p: Page) => {
      await p.locator('[data-testid="rule-row"][data-rule="rainstorm:red"]').getByRole('button', { name: '修改' }).click();
      await p.getByTestId('preview-total').waitFor({ timeout: 15_000 });
    };
    await open(page);
    const total = page.getByTestId('preview-total');
    const before = (await total.textContent())!;
    const [, draft, now] = before.match(/共选中 (\d+) 户（现行规则 (\d+) 户）/)!.map(Number);
    expect(draft).toBe(now);
    // Only D-grade houses: fewer selected, the rule in force unchanged.
    const form = page.getByTestId('rule-form');
    for (const label of ['C级', '土木', '土坯']) await form.getByLabel(label, { exact: true }).first().uncheck();
    await form.getByLabel('全部重点房屋').uncheck();
    await expect.poll(async () => Number((await total.textContent())!.match(/共选中 (\d+) 户/)![1])).toBeLessThan(now!);
    expect((await total.textContent())!).toContain(`现行规则 ${now} 户`);
    await settle(page);
    await screenshot(page, 'admin-rules-desktop');
    await onPhone('/admin/rules', 'admin-rules', open);
    await form.getByLabel('完成时限（小时）').fill('3');
    await form.getByRole('button', { name: '保存规则' }).click();
    const saved = page.locator('[data-testid="rule-row"][data-rule="rainstorm:red"]');
    await expect.poll(() => saved.textContent()).toContain('3 小时内');
    expect(await saved.textContent()).not.toContain('土木');
    expectClean(desk);
  }, 60_000);

  it('sets one-time passwords for a township and prints the slips on A4', async () => {
    const page = desk.page;
    await page.getByRole('link', { name: '登录条' }).click();
    await page.getByLabel('镇/街道').selectOption({ label: village.township });
    await page.getByRole('button', { name: '生成一次性密码' }).click();
    const slips = page.getByTestId('slip');
    await expect.poll(() => slips.count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const mine = slips.filter({ hasText: NEW_INSPECTOR.username });
    expect(await mine.count()).toBe(1); // still waiting for a password of their own
    expect(await mine.textContent()).toContain('139****5678');
    expect(await mine.textContent()).toContain(village.name);
    const password = (await mine.getByTestId('slip-password').textContent())!;
    expect(password).toMatch(/^[a-z2-9]{10}$/);
    NEW_INSPECTOR.password = password; // the slip replaced the one set at creation
    await settle(page);
    await screenshot(page, 'admin-slips-desktop');

    // On paper: only the slips, two columns, nothing of the page around them.
    await page.evaluate(() => {
      (window as any).__prints = 0;
      window.print = () => void (window as any).__prints++;
    });
    await page.getByRole('button', { name: '打印登录条' }).click();
    expect(await page.evaluate(() => (window as any).__prints)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 718, height: 1047 }); // A4 portrait less 10 mm margins, at 96 dpi
    for (const hidden of ['.app-header', '.admin-tabs', '.admin-filters', '.slips-bar'])
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    const [a, b] = [(await slips.nth(0).boundingBox())!, (await slips.nth(1).boundingBox())!];
    expect(Math.abs(a.y - b.y)).toBeLessThan(2); // side by side
    expect(a.width).toBeGreaterThan(330);
    await screenshot(page, 'admin-slips-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);

    await onPhone('/admin/slips', 'admin-slips', async (p) => {
      await p.getByLabel('镇/街道').selectOption({ label: village.township });
      await p.getByRole('button', { name: '生成一次性密码' }).click();
      await p.getByTestId('slip').first().waitFor();
      NEW_INSPECTOR.password = (await p.getByTestId('slip').filter({ hasText: NEW_INSPECTOR.username }).getByTestId('slip-password').textContent())!;
    });
    expectClean(desk);
    expectClean(phone);
  }, 60_000);

  it('makes the inspector choose a password at the first sign-in, then lands them on /field', async () => {
    const page = desk.page;
    await signOut(page);
    await page.getByLabel('用户名').fill(NEW_INSPECTOR.username);
    await page.getByLabel('密码').fill(NEW_INSPECTOR.password);
    await page.getByRole('button', { name: '登录' }).click();
    const screen = page.getByTestId('change-password');
    await screen.waitFor({ timeout: 10_000 });
    expect(await screen.textContent()).toContain(NEW_INSPECTOR.name);
    await settle(page);
    await screenshot(page, 'change-password-desktop');
    await onPhone('/', 'change-password', (p) => p.getByTestId('change-password').waitFor());

    // Refused before anything is sent: too short, then the two differ.
    await screen.getByLabel(/当前密码/).fill(NEW_INSPECTOR.password);
    await screen.getByLabel('新密码', { exact: true }).fill('short');
    await screen.getByLabel('再次输入新密码').fill('short');
    await screen.getByRole('button', { name: '保存新密码' }).click();
    expect(await screen.locator('.login__hint--bad').first().textContent()).toContain('至少 8 个字符');
    await screen.getByLabel('新密码', { exact: true }).fill(NEW_INSPECTOR.own);
    await screen.getByLabel('再次输入新密码').fill(`${NEW_INSPECTOR.own}x`);
    await screen.getByRole('button', { name: '保存新密码' }).click();
    expect(await screen.textContent()).toContain('两次输入的新密码不一致');

    await screen.getByLabel('再次输入新密码').fill(NEW_INSPECTOR.own);
    await screen.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/field');
    // The field screen, with the inspector's own task list.
    await page.locator('.field-bar').waitFor({ timeout: 10_000 });
    await page.locator('h2', { hasText: NEW_INSPECTOR.name }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('change-password').count()).toBe(0);

    // The next sign-in at the front door lands on /field at once, with the password of their own.
    await signOut(page);
    await page.goto(e2e.url + '/');
    await page.getByLabel('用户名').fill(NEW_INSPECTOR.username);
    await page.getByLabel('密码').fill(NEW_INSPECTOR.own);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/field');
    await signOut(page);
    expectClean(desk);
  }, 90_000);
});
