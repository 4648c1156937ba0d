// Issue 11, complaints in the browser: a member of the public reports a dangerous house on a phone
// without signing in and gets a receipt number; county staff assign, investigate and answer it on the
// complaints screen; the public lookup then shows the answer. Screenshots: the public form on a phone
// (390×844), the staff screen at 1440×900.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, apiAs, screenshot, signIn, signOut, startE2E, waitForHouses, type E2E, type TestPage } from './harness.ts';

let e2e: E2E;
let desk: TestPage;
let phone: TestPage;
let receipt = '';
const ANSWER = '经现场核查，该房屋已鉴定为 D 级，住户已转移至村委会周转房，房屋已封存。';

beforeAll(async () => {
  e2e = await startE2E({ households: 1500, seed: 11 });
  [phone, desk] = await Promise.all([e2e.newPage(PHONE, { mobile: true }), e2e.newPage(DESKTOP)]);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

const settle = (page: Page) => page.evaluate(() => document.fonts.ready.then(() => undefined));
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

describe('complaints', () => {
  it('takes a report on a phone without signing in and gives a receipt number', async () => {
    const page = phone.page;
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${e2e.url}/report`);
    await page.getByRole('heading', { name: '反映问题' }).waitFor();
    // No sign-in screen, and nobody asked who is signed in.
    expect(await page.getByLabel(/用户名|Username/).count()).toBe(0);
    expect(asked.filter((p) => p.startsWith('/api/auth'))).toEqual([]);

    // The honeypot is in the form for bots, but off-screen and hidden from assistive technology.
    const trap = page.locator('input[name="website"]');
    expect(await trap.count()).toBe(1);
    const box = await trap.boundingBox();
    expect(box === null || box.x + box.width < 0).toBe(true);
    expect(await trap.evaluate((el) => el.closest('[aria-hidden="true"]') !== null && el.tabIndex === -1)).toBe(true);
    expect(await page.getByRole('textbox', { name: /网站/ }).count()).toBe(0);

    await page.getByLabel('有人住在危房里').check();
    await page.getByLabel('具体情况').fill('二组河边王家的土坯房后墙已经歪了，昨晚下雨掉了一大块，老两口还住在里面。');
    const township = page.getByLabel('镇/街道');
    await township.selectOption({ index: 1 });
    await page.getByLabel('村/社区').selectOption({ index: 1 });
    await page.getByLabel('具体位置').fill('二组河边第三户');
    await page.getByLabel('电话').fill('138 1234 5678');
    await settle(page);
    await fitsPhone(page);
    await screenshot(page, 'complaint-form-phone');
    await page.locator('.report').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot(page, 'complaint-form-phone-end');

    await page.getByRole('button', { name: '提交' }).click();
    const shown = page.getByTestId('receipt-no');
    await shown.waitFor();
    receipt = (await shown.textContent())!.trim();
    expect(receipt).toMatch(/^TS\d{4}[0-9A-HJKMNP-TV-Z]{8}$/);
    await expect.poll(() => page.getByTestId('report-sent').textContent()).toMatch(/我们将在 \d{4}-\d{2}-\d{2} 前答复/);
    // Nothing personal echoed: the phone is not on the page any more.
    expect(await page.locator('body').textContent()).not.toContain('5678');
    await fitsPhone(page);
    await screenshot(page, 'complaint-sent-phone');

    // It arrived, placed where it was said to be, from the web form, the phone sealed.
    const county = await apiAs(e2e, 'county');
    const row = (await county.get('/api/complaints?pageSize=200')).rows.find((r: any) => r.receiptNo === receipt);
    expect(row).toMatchObject({ channel: 'public_form', status: 'received', subject: 'people_in_danger' });
    expect(row.township).not.toBeNull();
  });

  it('lets county staff assign, investigate and answer it on the complaints screen', async () => {
    const page = desk.page;
    await signIn(page, e2e.url, '/complaints', 'county');
    await page.getByTestId('complaints-table').waitFor();
    // The demo county has an overdue complaint, flagged in the list.
    expect(await page.getByTestId('overdue-flag').count()).toBeGreaterThan(0);

    await page.locator(`[data-receipt="${receipt}"]`).click();
    const detail = page.getByTestId('complaint-detail');
    await detail.getByRole('heading', { name: receipt }).waitFor();
    expect(await detail.getByTestId('complaint-contact').textContent()).toBe('138****5678');

    const pick = detail.getByLabel('交办给');
    const staff = pick.locator('option', { hasText: '县住建局工作人员' }).first();
    await staff.waitFor({ state: 'attached' });
    await pick.selectOption((await staff.getAttribute('value'))!);
    await detail.getByRole('button', { name: '交办', exact: true }).click();
    await detail.locator('.complaint-status', { hasText: '已交办' }).waitFor();
    await detail.getByLabel('调查记录').fill('已到现场，后墙外闪明显，已请鉴定人员明天到场。');
    await detail.getByRole('button', { name: '记录调查' }).click();
    await detail.locator('.complaint-status', { hasText: '调查中' }).waitFor();
    await detail.getByLabel(/答复内容/).fill(ANSWER);
    await detail.getByRole('button', { name: '答复', exact: true }).click();
    await detail.locator('.complaint-status', { hasText: '已答复' }).waitFor();
    const history = detail.getByTestId('complaint-history').locator('li');
    expect(await history.count()).toBe(4);
    expect(await history.allTextContents()).toEqual([
      expect.stringMatching(/受理.*群众网上提交/),
      expect.stringMatching(/交办 → /),
      expect.stringMatching(/调查.*已到现场/),
      expect.stringMatching(/答复/),
    ]);
    // The row in the list follows.
    await page.locator(`[data-receipt="${receipt}"] .complaint-status`, { hasText: '已答复' }).waitFor();
    await settle(page);
    await screenshot(page, 'complaints-staff');

    // The county administrator now has six screens: the English header still fits at 1440 on the map
    // screen, where the search box also needs its room.
    await page.goto(`${e2e.url}/`);
    await waitForHouses(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Complaints' }).waitFor();
    await settle(page);
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.app-header, .app-header *')]
        .filter((el) => el.clientWidth > 0 && getComputedStyle(el).display !== 'none')
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 30)}"`),
    );
    await screenshot(page, 'complaints-header-english');
    expect(overflowing).toEqual([]);
    await page.getByRole('button', { name: '中文' }).click();
    await signOut(page);
  }, 120_000);

  it('shows the answer to the public by receipt number', async () => {
    const page = phone.page;
    await page.goto(`${e2e.url}/report?receipt=${receipt.toLowerCase()}`);
    await page.getByTestId('receipt-answer').waitFor();
    expect(await page.getByTestId('receipt-state').textContent()).toBe('已答复');
    expect(await page.getByTestId('receipt-answer').textContent()).toContain(ANSWER);
    expect(await page.getByLabel(/用户名|Username/).count()).toBe(0);
    await fitsPhone(page);
    await settle(page);
    await screenshot(page, 'complaint-answer-phone');
    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('receipt-state').textContent()).toBe('Answered');
    await fitsPhone(page);
    await screenshot(page, 'complaint-answer-phone-en');
    await page.getByRole('button', { name: '中文' }).click();
  });
});
