// 我的账户 in a real browser (issue 13): a township worker opens their account from the header, makes an
// API token (shown once), reads the OGC API with it over HTTP as a GIS would, then revokes it on the
// page — and the same request gets 401 token_revoked. On a desktop and a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, screenshot, signIn, signOut, startE2E, type E2E, type TestPage } from './harness.ts';

let e2e: E2E;
let desk: TestPage;
let phone: TestPage;

beforeAll(async () => {
  e2e = await startE2E({ households: 800, seed: 13 });
  [desk, phone] = await Promise.all([e2e.newPage(DESKTOP), e2e.newPage(PHONE, { mobile: true })]);
});
afterAll(async () => {
  await e2e?.close();
});

const ogc = (path: string, token: string) => fetch(`${e2e.url}/ogc${path}`, { headers: { authorization: `Bearer ${token}` } });
const fitsWidth = async (tp: TestPage, width: number) => expect(await tp.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe('API tokens on 我的账户', () => {
  let token = '';

  it('opens the account from the name in the header and makes a token shown once', async () => {
    const { page } = desk;
    await signIn(page, e2e.url, '/', 'township');
    // On a desktop the account is the name in the header, not a link among the screens.
    expect(await page.getByRole('navigation', { name: '视图' }).getByRole('link', { name: '我的账户' }).isVisible()).toBe(false);
    await page.getByTestId('current-user').click();
    await page.getByRole('heading', { name: '我的账户' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.getByTestId('ogc-url').textContent()).toBe(`${e2e.url}/ogc`);
    await expect.poll(() => page.getByText('您还没有 API 令牌。').isVisible()).toBe(true);

    await page.getByLabel('名称').fill('办公室 QGIS');
    await page.getByLabel(/有效天数/).fill('30');
    await page.getByRole('button', { name: '创建令牌' }).click();
    const shown = page.getByTestId('new-token');
    await shown.waitFor();
    token = (await page.getByTestId('new-token-value').textContent()) ?? '';
    expect(token).toMatch(/^anju_[A-Za-z0-9_-]{43}$/);
    expect(await shown.textContent()).toContain('只显示这一次');
    await shown.getByRole('button', { name: '复制' }).click();
    await expect.poll(() => shown.getByRole('button', { name: /已复制|已选中/ }).count()).toBe(1);

    const row = page.getByTestId('token-row').filter({ hasText: '办公室 QGIS' });
    expect(await row.getAttribute('data-state')).toBe('active');
    expect(await row.textContent()).toContain('从未使用');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'account-tokens-desktop');
    await fitsWidth(desk, DESKTOP.width);
  });

  it('reads the OGC API with the token over HTTP, scoped to the township', async () => {
    const landing = await ogc('', token);
    expect(landing.status).toBe(200);
    expect(((await landing.json()) as { links: { rel: string }[] }).links.map((l) => l.rel)).toContain('service-desc');
    const page = (await (await ogc('/collections/households/items?limit=1', token)).json()) as { numberMatched: number; features: { properties: { townshipCode: string } }[] };
    expect(page.numberMatched).toBeGreaterThan(0);
    expect(page.numberMatched).toBeLessThan(800);

    // The list shows it was used (after the token's last use is read again).
    await desk.page.reload();
    const row = desk.page.getByTestId('token-row').filter({ hasText: '办公室 QGIS' });
    await row.waitFor();
    expect(await row.textContent()).not.toContain('从未使用');
    // Shown once: after a reload the secret is nowhere on the page.
    expect(await desk.page.content()).not.toContain(token);
  });

  it('shows the account on a phone, the table as cards, nothing wider than the screen', async () => {
    const { page } = phone;
    await page.goto(`${e2e.url}/`);
    // The name in the header is hidden on a phone: the account is a link among the screens.
    const link = page.getByRole('navigation', { name: '视图' }).getByRole('link', { name: '我的账户' });
    await link.waitFor();
    expect(await page.getByTestId('current-user').isVisible()).toBe(false);
    await link.click();
    await page.getByRole('heading', { name: '我的账户' }).waitFor();
    await page.getByTestId('token-row').first().waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'account-tokens-phone');
    await fitsWidth(phone, PHONE.width);
    expect(await page.getByRole('link', { name: '我的账户' }).getAttribute('aria-current')).toBe('page');
  });

  it('revokes the token on the page after asking, and the same request then gets 401 token_revoked', async () => {
    const { page } = desk;
    await page.getByRole('button', { name: '撤销令牌“办公室 QGIS”' }).click();
    const dialog = page.getByRole('dialog', { name: '撤销 API 令牌' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('不能恢复');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'account-tokens-revoke-dialog');
    await dialog.getByRole('button', { name: '撤销令牌' }).click();
    const row = page.getByTestId('token-row').filter({ hasText: '办公室 QGIS' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('revoked');
    expect(await row.textContent()).toContain('已撤销');

    const refused = await ogc('/collections/households/items?limit=1', token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('token_revoked');
    expect(refused.headers.get('www-authenticate')).toContain('token_revoked');
    await signOut(page);
  });
});
