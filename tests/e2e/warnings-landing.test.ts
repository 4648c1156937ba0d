// Issue 10 (part C) in the browser: each user lands where they work — a township worker on their
// township, a village user on their village, clear of the cards; the warning panel reads the whole
// warning (description, instruction, area, other languages, history) and offers a township no edit
// of a county warning; warnings over other townships are grouped apart; drawing clears the filter and
// legend cards, and the lasso also drags freehand; an impossible filter says why; the English header
// fits. The harness fails any test after which a page logged a console error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bbox, pointOnFeature } from '@turf/turf';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, apiAs, screenshot, signIn, signOut, startE2E, waitForHouses, waitForMapIdle, type E2E, type TestPage } from './harness.ts';

type BBox = [number, number, number, number];
type Rect = { left: number; right: number; top: number; bottom: number };

let e: E2E;
let desk: TestPage;
let phone: TestPage;
let township: { code: string; bbox: BBox };
let village: { code: string; bbox: BBox };
let countyBox: BBox;
let rainId: number;
let hereId: number;
let elsewhereId: number;

const BROWSER_TEST = 120_000;

/** The fixture with every +08:00 time moved so that `pretendNow` is now (the server's clock is the real one). */
function shifted(xml: string, pretendNow: string): string {
  const offset = Date.now() - Date.parse(pretendNow);
  return xml.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/g, (ts) => {
    const d = new Date(Date.parse(ts) + offset + 8 * 3600_000);
    return `${d.toISOString().slice(0, 19)}+08:00`;
  });
}

/** A small square zone (±d degrees) round a point surely inside a region. */
function squareIn(region: GeoJSON.Feature, d = 0.003): GeoJSON.Polygon {
  const [x, y] = pointOnFeature(region).geometry.coordinates as [number, number];
  return { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] };
}

beforeAll(async () => {
  e = await startE2E({ households: 3000, seed: 7 });
  [desk, phone] = [await e.newPage(DESKTOP), await e.newPage(PHONE, { mobile: true })];
  const county = await apiAs(e, 'county');
  const townships = (await county.get('/api/basemap/townships')).features as GeoJSON.Feature[];
  const villages = (await county.get('/api/basemap/villages')).features as GeoJSON.Feature[];
  const countyFc = await county.get('/api/basemap/county');
  countyBox = bbox(countyFc) as BBox;
  const tCode = (await apiAs(e, 'township').then((a) => a.get('/api/auth/me'))).user.region.code as string;
  const vCode = (await apiAs(e, 'inspector').then((a) => a.get('/api/auth/me'))).user.region.code as string;
  const own = townships.find((f) => f.properties!.code === tCode)!;
  const other = townships.find((f) => f.properties!.code !== tCode)!;
  township = { code: tCode, bbox: bbox(own) as BBox };
  village = { code: vCode, bbox: bbox(villages.find((f) => f.properties!.code === vCode)!) as BBox };

  // The scene: the county's rainstorm red warning (two languages), extended once; a county warning over
  // the demo township and one over another township only.
  const rain = shifted(readFileSync(join(import.meta.dirname, '../fixtures/cap/rainstorm-red.xml'), 'utf8'), '2024-07-10T15:00:00+08:00');
  rainId = (await county.postXml('/api/alerts/import', rain)).results[0].alertId;
  const later = new Date(Date.now() + 30 * 3600_000).toISOString();
  await county.patch(`/api/alerts/${rainId}`, { expiresAt: later });
  const expiresAt = new Date(Date.now() + 12 * 3600_000).toISOString();
  const draw = (geometry: GeoJSON.Polygon, headline: string) =>
    county.post('/api/alerts', { type: 'geological', level: 'orange', headline, expiresAt, geometry });
  hereId = (await draw(squareIn(own), '县级地质灾害橙色预警（本镇）')).id;
  elsewhereId = (await draw(squareIn(other), '县级地质灾害橙色预警（外镇）')).id;
}, 120_000);
afterAll(async () => {
  await e?.close();
});

/** Where the map put a bbox on screen, the map's own box, the cards' boxes and the map's view. */
async function placement(page: Page, b: BBox) {
  await waitForMapIdle(page);
  return page.evaluate((b) => {
    const map = window.__anju!.map;
    const m = map.getContainer().getBoundingClientRect();
    const sw = map.project([b[0], b[1]]);
    const ne = map.project([b[2], b[3]]);
    const rect = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    const cards = [...document.querySelectorAll<HTMLElement>('.stage > .panel, .stage > .toolbar, .stage > .lasso-button')]
      .filter((el) => getComputedStyle(el).display !== 'none')
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map(rect);
    const v = map.getBounds();
    return {
      box: { left: m.left + sw.x, right: m.left + ne.x, top: m.top + ne.y, bottom: m.top + sw.y },
      map: rect(m),
      cards,
      view: [v.getWest(), v.getSouth(), v.getEast(), v.getNorth()] as [number, number, number, number],
    };
  }, b);
}

const overlap = (a: Rect, b: Rect) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/** The region lies on the map, under no card, fills most of what the cards leave, and the view is not the county. */
async function expectLandedOn(page: Page, region: BBox) {
  const p = await placement(page, region);
  const { box, map, cards } = p;
  expect(box.left, 'west edge on the map').toBeGreaterThanOrEqual(map.left - 1);
  expect(box.right, 'east edge on the map').toBeLessThanOrEqual(map.right + 1);
  expect(box.top, 'north edge on the map').toBeGreaterThanOrEqual(map.top - 1);
  expect(box.bottom, 'south edge on the map').toBeLessThanOrEqual(map.bottom + 1);
  for (const c of cards) expect(overlap(box, c), `a card ${JSON.stringify(c)} covers the region ${JSON.stringify(box)}`).toBeLessThan(4);
  // The free band between the cards on the left and those on the right (or the whole width on a phone).
  const mid = (map.left + map.right) / 2;
  const left = Math.max(map.left, ...cards.filter((c) => (c.left + c.right) / 2 < mid && c.bottom - c.top > 80).map((c) => c.right));
  const right = Math.min(map.right, ...cards.filter((c) => (c.left + c.right) / 2 >= mid && c.bottom - c.top > 80).map((c) => c.left));
  const bottom = Math.min(map.bottom, ...cards.filter((c) => c.bottom - c.top <= 80 && c.top > mid / 4).map((c) => c.top));
  const fill = Math.max((box.right - box.left) / (right - left), (box.bottom - box.top) / (bottom - map.top));
  expect(fill, 'the region fills most of the free map').toBeGreaterThan(0.7);
  const [w, so, ea, n] = p.view;
  const wholeCounty = w <= countyBox[0] && so <= countyBox[1] && ea >= countyBox[2] && n >= countyBox[3];
  expect(wholeCounty, 'the view is the jurisdiction, not the whole county').toBe(false);
}

describe('each user lands where they work', () => {
  it('fits a township worker’s map to the township, clear of the cards, on a desktop and a phone', async () => {
    await signIn(desk.page, e.url, '/', 'township');
    await waitForHouses(desk.page);
    await expectLandedOn(desk.page, township.bbox);
    await screenshot(desk.page, 'landing-township-desktop');

    // One cookie jar for the harness's contexts: the phone is signed in as the township too.
    await phone.page.goto(`${e.url}/`);
    await waitForHouses(phone.page);
    await expectLandedOn(phone.page, township.bbox);
    await screenshot(phone.page, 'landing-township-phone');
  }, BROWSER_TEST);

  it('lists a county warning over another township apart, and offers a township no cancel of a county warning', async () => {
    const { page } = desk;
    const panel = page.getByTestId('alerts-panel');
    const mine = panel.locator(`.alerts__list[aria-label] [data-alert-id="${hereId}"]`);
    await mine.waitFor();
    // Over another township: not among the active warnings with "0 exposed", but folded under 其他地区.
    expect(await panel.locator(`.alerts__list[aria-label] [data-alert-id="${elsewhereId}"]`).count()).toBe(0);
    const elsewhere = panel.getByTestId('alerts-elsewhere');
    expect(await elsewhere.locator('summary').textContent()).toMatch(/^县内其他地区的预警（\d+）$/);
    expect(await elsewhere.locator(`[data-alert-id="${hereId}"]`).count()).toBe(0);
    await elsewhere.locator('summary').click();
    await elsewhere.locator(`[data-alert-id="${elsewhereId}"] button`).click();
    await panel.getByTestId('alert-elsewhere').waitFor();
    expect(await panel.getByTestId('exposed-total').count()).toBe(0);
    await panel.getByRole('button', { name: /全部预警/ }).click();

    // The county's warning over this township: patrols may be dispatched, but it is not the township's to change.
    await mine.locator('button').click();
    const detail = panel.locator(`.alert-detail[data-alert-id="${hereId}"]`);
    await detail.getByRole('button', { name: '派发巡查任务' }).waitFor();
    expect(await detail.getByRole('button', { name: '撤销预警' }).count()).toBe(0);
    expect(await detail.getByRole('button', { name: '延长预警' }).count()).toBe(0);
    await panel.getByRole('button', { name: /全部预警/ }).click();
    await signOut(page);
  }, BROWSER_TEST);

  it('fits a village user’s map to the village', async () => {
    await signIn(desk.page, e.url, '/', 'inspector');
    // Signed in once the form is gone (the inspector lands on its field app, whose header differs).
    await desk.page.getByLabel(/用户名|Username/).waitFor({ state: 'detached' });
    for (const [tp, name] of [
      [desk, 'landing-village-desktop'],
      [phone, 'landing-village-phone'],
    ] as const) {
      // The inspector's own screen may be the field app: the household map is one link away.
      await tp.page.goto(`${e.url}/`);
      await waitForHouses(tp.page);
      await expectLandedOn(tp.page, village.bbox);
      await screenshot(tp.page, name);
    }
    await signOut(desk.page);
  }, BROWSER_TEST);
});

describe('the warning panel reads the whole warning', () => {
  it('shows description, instruction, area, the other language and the history, on a desktop and a phone', async () => {
    const { page } = desk;
    await signIn(page, e.url, `/?alert=${rainId}`, 'county');
    const detail = page.locator(`.alert-detail[data-alert-id="${rainId}"]`);
    await detail.getByTestId('alert-description').first().waitFor();
    expect(await detail.getByTestId('alert-description').first().textContent()).toContain('降雨量已达100毫米以上');
    expect(await detail.getByTestId('alert-instruction').first().textContent()).toContain('危险地带人员立即转移');
    expect(await detail.locator('.alert-text__area').first().textContent()).toBe('预警区域：河东街道、城关镇、金川镇、马池镇、龙王镇');
    // The English text the sender gave, folded under its language's name.
    const english = detail.locator('.alert-text__other');
    expect(await english.locator('summary').textContent()).toMatch(/英语原文$/);
    await english.locator('summary').click();
    expect(await english.getByTestId('alert-description').textContent()).toContain('more than 100 mm of rain');
    // History: issued, then extended here by the county admin, the expiry before and after.
    const history = detail.getByTestId('alert-history');
    await history.waitFor();
    expect(await history.locator('[data-kind]').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(['create', 'edit']);
    expect(await history.locator('[data-kind="edit"]').textContent()).toMatch(/本系统修改.*操作：县住建局管理员.*到期时间：.+ → .+/);
    // The county may change its own warning.
    await detail.getByRole('button', { name: '撤销预警' }).waitFor();
    await waitForMapIdle(page);
    await screenshot(page, 'warning-detail-desktop');

    await phone.page.goto(`${e.url}/?alert=${rainId}`);
    await waitForHouses(phone.page);
    await phone.page.getByRole('button', { name: '预警', exact: true }).click();
    await waitForMapIdle(phone.page);
    await phone.page.locator(`.alert-detail[data-alert-id="${rainId}"]`).getByTestId('alert-history').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'warning-detail-phone');
    // The zones' name plates (map/label-plate.ts) were drawn without MapLibre missing their image.
    expect([...desk.consoleWarnings, ...phone.consoleWarnings].filter((w) => /label-plate/.test(w))).toEqual([]);
  }, BROWSER_TEST);
});

describe('drawing', () => {
  it('hides the filter and legend cards while a zone is drawn; a click on the warnings card adds no point', async () => {
    const { page } = desk;
    await page.goto(`${e.url}/`);
    await waitForHouses(page);
    const filters = page.locator('.panel--filters');
    const legend = page.locator('.panel--legend');
    expect(await filters.isVisible()).toBe(true);
    expect(await legend.isVisible()).toBe(true);
    await page.getByRole('button', { name: '画多边形' }).click();
    await page.locator('.draw-hint').waitFor();
    await expect.poll(() => filters.isVisible()).toBe(false);
    expect(await legend.isVisible()).toBe(false);
    // Three corners on the map; a click on the warnings card between them is no corner.
    const m = (await page.locator('.map').boundingBox())!;
    const at = (fx: number, fy: number) => [m.x + m.width * fx, m.y + m.height * fy] as const;
    // The ring as drawn, once terra-draw's source has taken the last event and the map has gone idle.
    const corners = async () => {
      await page.waitForTimeout(300);
      await waitForMapIdle(page);
      return page.evaluate(() => {
        const f = window.__anju!.map.querySourceFeatures('td-polygon').find((x) => x.geometry.type === 'Polygon');
        return f ? (f.geometry as GeoJSON.Polygon).coordinates[0]!.length : 0;
      });
    };
    await page.mouse.click(...at(0.55, 0.35));
    await page.mouse.click(...at(0.7, 0.4));
    await page.mouse.click(...at(0.62, 0.6));
    const three = await corners();
    expect(three).toBeGreaterThan(0);
    await page.getByTestId('alerts-panel').locator('.level-legend').click();
    await page.getByTestId('alerts-panel').locator('.level-legend').click();
    expect(await corners(), 'clicks on the warnings card are no corners').toBe(three);
    await page.mouse.click(...at(0.5, 0.55));
    expect(await corners(), 'a click on the map is one').toBe(three + 1);
    await screenshot(page, 'drawing-desktop');
    await page.getByRole('button', { name: '取消绘制' }).click();
    await page.locator('.draw-hint').waitFor({ state: 'detached' });
    await expect.poll(() => filters.isVisible()).toBe(true);
    expect(await legend.isVisible()).toBe(true);
  }, BROWSER_TEST);

  it('selects houses with a freehand lasso dragged round them', async () => {
    const { page } = desk;
    await page.getByTestId('lasso-button').click();
    await page.locator('.draw-hint').waitFor();
    await expect.poll(() => page.locator('.panel--filters').isVisible()).toBe(false);
    const m = (await page.locator('.map').boundingBox())!;
    const cx = m.x + m.width * 0.6;
    const cy = m.y + m.height * 0.5;
    const r = Math.min(m.width, m.height) * 0.3;
    await page.mouse.move(cx + r, cy);
    await page.mouse.down();
    for (let i = 1; i <= 36; i++) {
      const a = (i / 36) * 2 * Math.PI;
      await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a), { steps: 2 });
    }
    await page.mouse.up();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(Number(await page.locator('.map').getAttribute('data-highlighted'))).toBeGreaterThan(0);
    await screenshot(page, 'lasso-freehand-desktop');
    await dialog.getByRole('button', { name: '取消' }).first().click();
    await dialog.waitFor({ state: 'detached' });
  }, BROWSER_TEST);

  it('hides the cards on a phone too while drawing', async () => {
    const { page } = phone;
    await page.goto(`${e.url}/`);
    await waitForHouses(page);
    await page.getByRole('button', { name: '预警', exact: true }).click();
    await page.getByRole('button', { name: '画多边形' }).click();
    await page.locator('.draw-hint').waitFor();
    // The toolbar goes once the drawing mode has started, a render after the hint appears.
    await expect.poll(() => page.locator('.toolbar').isVisible()).toBe(false);
    await screenshot(page, 'drawing-phone');
    await page.getByRole('button', { name: '取消绘制' }).click();
    await page.locator('.toolbar').waitFor();
  }, BROWSER_TEST);
});

describe('filters and words', () => {
  it('says why C/D key houses show nothing', async () => {
    const { page } = desk;
    await page.goto(`${e.url}/?grade=C,D&key=true`);
    const why = page.getByTestId('empty-reason');
    await why.waitFor();
    expect(await why.textContent()).toContain('没有C级或D级的重点房屋');
    await screenshot(page, 'empty-reason-desktop');
  }, BROWSER_TEST);

  it('fits the English header and search box at 1440 and 390 (nothing overflows its box)', async () => {
    for (const [tp, name] of [
      [desk, 'header-english-desktop'],
      [phone, 'header-english-phone'],
    ] as const) {
      const { page } = tp;
      await page.goto(`${e.url}/`);
      await waitForHouses(page);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const overflowing = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.app-header, .app-header *')]
          .filter((el) => el.clientWidth > 0 && getComputedStyle(el).display !== 'none')
          .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 30)}" ${el.scrollWidth}>${el.clientWidth}`),
      );
      await screenshot(page, name);
      expect(overflowing, name).toEqual([]);
      const search = page.getByRole('combobox').first();
      const placeholder = (await search.getAttribute('placeholder')) ?? '';
      const fits = await search.evaluate((el: HTMLInputElement, text) => {
        const c = document.createElement('canvas').getContext('2d')!;
        const s = getComputedStyle(el);
        c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        return c.measureText(text).width <= el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) + 1;
      }, placeholder);
      expect(fits, `placeholder "${placeholder}" fits the search box`).toBe(true);
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('button', { name: '退出' }).waitFor();
    }
  }, BROWSER_TEST);
});
