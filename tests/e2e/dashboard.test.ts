// The dashboard (/dashboard) and the briefing (/briefing) in a real browser against the real server on
// the demo ledger: the charts drawn from GET /api/dashboard, as the county and as a township that sees
// only its own villages; a real click on the C bar of the grade chart landing on the map filtered to
// grade C; the phone layout in one column; the briefing turned with the keyboard at projector size.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBefore } from '../../client/features/dashboard/dashboard-url.ts';
import { DESKTOP, PHONE, apiAs, screenshot, signIn, signOut, startE2E, waitForHouses, type E2E } from './harness.ts';

const PROJECTOR = { width: 1920, height: 1080 } as const;
const CHARTS = ['grade', 'structure', 'stage', 'children', 'warnings', 'patrol-trend', 'grade-change'] as const;

let e: E2E;
/** The county's figures, as the API gives them to the county. */
let county: any;

beforeAll(async () => {
  e = await startE2E({ ledger: true });
  const api = await apiAs(e, 'county');
  // A red rainstorm over the demo township's first village and around: an active warning to chart and map.
  const villageCode = (await (await apiAs(e, 'inspector')).get('/api/auth/me')).user.region.code;
  const villages = (await api.get('/api/basemap/villages')).features as any[];
  const ring = villages.find((f) => f.properties.code === villageCode).geometry;
  const pts: number[][] = (ring.type === 'Polygon' ? ring.coordinates : ring.coordinates.flat()).flat();
  const [w, s, east, n] = [Math.min(...pts.map((c) => c[0]!)), Math.min(...pts.map((c) => c[1]!)), Math.max(...pts.map((c) => c[0]!)), Math.max(...pts.map((c) => c[1]!))];
  await api.post('/api/alerts', {
    type: 'rainstorm',
    level: 'red',
    headline: '暴雨红色预警：3 小时内降雨将达 100 毫米以上',
    expiresAt: new Date(Date.now() + 12 * 3600_000).toISOString(),
    geometry: { type: 'Polygon', coordinates: [[[w - 0.03, s - 0.03], [east + 0.03, s - 0.03], [east + 0.03, n + 0.03], [w - 0.03, n + 0.03], [w - 0.03, s - 0.03]]] },
  });
  county = await api.get('/api/dashboard');
}, 180_000);

afterAll(async () => {
  await e?.close();
});

async function chartsDrawn(page: Page, names: readonly string[]): Promise<void> {
  for (const name of names) await page.locator(`[data-chart="${name}"][data-rendered="true"]`).waitFor({ timeout: 30_000 });
}

/** The category labels of a chart's category axis, read from its ECharts instance. */
const categories = (page: Page, chart: string, axis: 'xAxis' | 'yAxis') =>
  page.evaluate(([c, a]) => ((window.__anjuCharts![c!]!.getOption() as any)[a!][0].data as string[]).map(String), [chart, axis]);

/** The page position of the middle of a bar (category `index` of series 0), from the chart instance; `across`: bars along x. */
const barCentre = (page: Page, chart: string, index: number, across = false) =>
  page.evaluate(
    ([c, i, h]) => {
      const inst = window.__anjuCharts![c as string]!;
      const value = Number(((inst.getOption() as any).series[0].data[i as number] as { value: number }).value);
      const point = h ? [value / 2, i as number] : [i as number, value / 2];
      const [x, y] = inst.convertToPixel({ seriesIndex: 0 }, point) as number[];
      const box = inst.getDom().getBoundingClientRect();
      return { x: box.left + x!, y: box.top + y!, value };
    },
    [chart, index, across] as const,
  );

const counter = (page: Page) => page.getByTestId('slide-counter').textContent();

describe('the dashboard as the county', () => {
  it('draws every chart and the key numbers of the county from the figures', async () => {
    const { page } = await e.newPage(DESKTOP);
    await signIn(page, e.url, '/dashboard', 'county');
    await chartsDrawn(page, CHARTS);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(county.region.name);
    expect(await page.getByTestId('key-households').textContent()).toBe(county.households.total.toLocaleString('zh-CN'));
    expect(await page.getByTestId('key-inLedger').textContent()).toBe(county.ledger.inLedger.toLocaleString('zh-CN'));
    expect(await categories(page, 'grade', 'xAxis')).toEqual(['A级', 'B级', 'C级', 'D级', '未鉴定']);
    // One bar per township of the county, by name.
    expect(await categories(page, 'children', 'yAxis')).toEqual(county.children.map((c: { name: string }) => c.name));
    expect(county.children.length).toBeGreaterThan(1);
    // The header links to the dashboard, marked as the current screen.
    await expect.poll(() => page.getByRole('link', { name: '数据看板' }).getAttribute('aria-current')).toBe('page');
    // Print buttons: links to the server's reports for the county.
    const pdf = await page.getByRole('link', { name: /打印今日简报/ }).getAttribute('href');
    expect(pdf).toBe(`/api/reports/briefing.pdf?region=${county.region.code}&date=${county.today}`);
    // Tooltips come up on hover, inside the chart (an HTML one would break the CSP: checked after each test).
    for (const chart of ['structure', 'stage', 'children', 'patrol-trend']) {
      const box = (await page.locator(`[data-chart="${chart}"]`).boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    }
    await page.evaluate(() => Object.values(window.__anjuCharts!).forEach((c) => c.dispatchAction({ type: 'hideTip' })));
    expect(county.warnings.length).toBe(1);
    expect(await categories(page, 'warnings', 'yAxis')).toEqual(['暴雨红色预警']);
    await screenshot(page, 'dashboard-desktop');
  });

  it('opens the map filtered to grade C on a real click on the C bar, the days going along', async () => {
    const { page } = await e.newPage(DESKTOP);
    const from = daysBefore(county.today, 28);
    await page.goto(`${e.url}/dashboard?from=${from}&to=${county.today}`);
    await chartsDrawn(page, ['grade']);
    expect(await page.getByTestId('dash-as-of').textContent()).toContain(`${from} 至 ${county.today}`);
    const bar = await barCentre(page, 'grade', 2);
    expect(bar.value).toBe(county.households.byGrade.C);
    const askedWithDays = page.waitForRequest((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/households' && u.searchParams.get('grade') === 'C' && u.searchParams.get('from') === from && u.searchParams.get('to') === county.today;
    });
    await page.mouse.click(bar.x, bar.y);
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('grade') === 'C');
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);
    await askedWithDays;
    // The map keeps the days, asks for its houses with them, and counts those patrolled in them.
    const asked = await (await apiAs(e, 'county')).get(`/api/households?grade=C&from=${from}&to=${county.today}`);
    const patrolled = asked.features.filter((f: { properties: { patrolled?: boolean } }) => f.properties.patrolled).length;
    await expect.poll(() => page.getByTestId('map-days').textContent()).toContain(`视野内 ${patrolled} 户在此期间巡查过`);
    const shown = await waitForHouses(page);
    expect(shown).toBe(county.households.byGrade.C);
    await expect.poll(() => page.getByTestId('in-view').textContent()).toContain(county.households.byGrade.C.toLocaleString('zh-CN'));
    // The map's filter panel agrees: only C is ticked.
    const ticked = await page.locator('input[name="grade"]:checked').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    expect(ticked).toEqual(['C']);
  });

  it('lays the phone out in one readable column', async () => {
    const { page } = await e.newPage(PHONE, { mobile: true });
    await page.goto(`${e.url}/dashboard`);
    await chartsDrawn(page, CHARTS);
    const cards = await page.locator('.dash-card').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, width: r.width })));
    expect(cards.length).toBeGreaterThan(6);
    for (const c of cards) {
      expect(c.width).toBeGreaterThan(340);
      expect(Math.round(c.left)).toBe(Math.round(cards[0]!.left));
    }
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => document.querySelector('.dash')!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'dashboard-phone');
  });
});

describe('the briefing', () => {
  it('walks its four slides with the keyboard at projector size, in large type, and Esc leaves', async () => {
    const { page } = await e.newPage(PROJECTOR);
    await page.goto(`${e.url}/dashboard`);
    await page.getByTestId('open-briefing').click();
    await page.waitForURL((u) => u.pathname === '/briefing');
    await page.locator('.briefing-map[data-ready="true"]').waitFor({ timeout: 60_000 });
    expect(await counter(page)).toBe('1 / 4');
    // From the back of the room: body text ≥ 28 px, key numbers ≥ 64 px.
    const sizes = await page.evaluate(() => ({
      body: parseFloat(getComputedStyle(document.querySelector('.key-number__label')!).fontSize),
      number: parseFloat(getComputedStyle(document.querySelector('.key-number__value')!).fontSize),
      title: parseFloat(getComputedStyle(document.querySelector('.briefing__title')!).fontSize),
    }));
    expect(sizes.body).toBeGreaterThanOrEqual(28);
    expect(sizes.number).toBeGreaterThanOrEqual(64);
    expect(sizes.title).toBeGreaterThanOrEqual(28);
    await screenshot(page, 'briefing-1-map');

    await page.keyboard.press('ArrowRight');
    expect(await counter(page)).toBe('2 / 4');
    const rows = page.locator('[data-slide-id="children"] tbody tr');
    expect(await rows.count()).toBe(county.children.length);
    expect(parseFloat(await rows.first().evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(28);
    await screenshot(page, 'briefing-2-townships');

    await page.keyboard.press('ArrowRight');
    expect(await counter(page)).toBe('3 / 4');
    await page.keyboard.press('ArrowRight');
    expect(await counter(page)).toBe('4 / 4');
    await page.keyboard.press('ArrowRight');
    expect(await counter(page)).toBe('4 / 4');
    await page.keyboard.press('Home');
    expect(await counter(page)).toBe('1 / 4');
    await page.keyboard.press('End');
    expect(await counter(page)).toBe('4 / 4');
    // Only the current slide is shown.
    expect(await page.locator('.briefing__slide:not(.briefing__slide--off)').getAttribute('data-slide-id')).toBe('due');
    // No app chrome in briefing mode.
    expect(await page.locator('.app-header').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await chartsDrawn(page, ['grade']);
    await signOut(page);
  });
});

describe('the dashboard as a township', () => {
  it('shows only its own township: its figures, its villages, no other township to pick', async () => {
    const township = await (await apiAs(e, 'township')).get('/api/dashboard');
    expect(township.region.level).toBe('township');
    const { page } = await e.newPage(DESKTOP);
    await signIn(page, e.url, '/dashboard', 'township');
    await chartsDrawn(page, CHARTS);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(township.region.name);
    expect(await page.getByTestId('key-households').textContent()).toBe(township.households.total.toLocaleString('zh-CN'));
    expect(township.households.total).toBeLessThan(county.households.total);
    // The comparison is village by village, all of them this township's.
    const villages = await categories(page, 'children', 'yAxis');
    expect(villages).toEqual(township.children.map((c: { name: string }) => c.name));
    expect(township.children.every((c: { code: string }) => c.code.startsWith(township.region.code.slice(0, 9)))).toBe(true);
    expect(await page.locator('select[name="township"]').count()).toBe(0);
    // A stage bar opens the ledger at that stage, within the township.
    const stages = (await page.evaluate(() => (window.__anjuCharts!.stage!.getOption() as any).series[0].data.map((d: { value: number }) => d.value))) as number[];
    const busiest = stages.indexOf(Math.max(...stages));
    const bar = await barCentre(page, 'stage', busiest, true);
    await page.mouse.click(bar.x, bar.y);
    await page.waitForURL((u) => u.pathname === '/ledger');
    const url = new URL(page.url());
    expect(url.searchParams.get('township')).toBe(township.region.code);
    expect(Object.keys(township.ledger.byState)).toContain(url.searchParams.get('state'));
    expect(township.ledger.byState[url.searchParams.get('state')!]).toBe(Math.max(...stages));
    await signOut(page);
  });
});
