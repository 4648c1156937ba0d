// The household map over vector tiles (issue 14): a region above the tile threshold is drawn from
// /api/tiles/households/… — aggregates at county zoom that still say where danger is, single houses
// further in — a house clicked opens its drawer, and the legend's in-view counts are the server's. The
// threshold is lowered (ANJU_TILE_THRESHOLD, startServer's tileThreshold) so that a 3,000-household
// county crosses it; desktop 1440×900 and phone 390×844.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  DESKTOP,
  PHONE,
  screenshot,
  signIn,
  signOut,
  startE2E,
  waitForHouses,
  waitForMapIdle,
  type E2E,
  type TestPage,
} from './harness.ts';

let e2e: E2E;
let api: ReturnType<typeof apiAs> | undefined;
/** The API as the county admin, over plain HTTP (the browser's contexts share one cookie jar, signed in and out by the tests). */
const county = () => (api ??= apiAs(e2e, 'county'));

beforeAll(async () => {
  e2e = await startE2E({ households: 3000, seed: 7, ledger: true, tileThreshold: 1000 });
});
afterAll(async () => {
  await e2e?.close();
});

/** Every request the page makes, by path and query. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    seen.push(u.pathname + u.search);
  });
  return seen;
}

async function jumpTo(page: Page, lon: number, lat: number, zoom: number) {
  await page.evaluate(([lon, lat, zoom]) => window.__anju!.map.jumpTo({ center: [lon!, lat!], zoom: zoom! }), [lon, lat, zoom]);
  await waitForMapIdle(page);
}

/** Rendered features of a layer in the current view: the feature id (a house's household) and properties. */
function rendered(page: Page, layer: string) {
  return page.evaluate(
    (layer) => window.__anju!.map.queryRenderedFeatures({ layers: [layer] }).map((f) => ({ id: f.id as number | undefined, props: f.properties as Record<string, unknown> })),
    layer,
  );
}

/** The map's bounds as the counts take them, six decimals. */
async function viewBox(page: Page): Promise<string> {
  const b = await page.evaluate(() => window.__anju!.map.getBounds().toArray().flat());
  return [b[0]!, b[1]!, b[2]!, b[3]!].map((v) => v.toFixed(6)).join(',');
}

const inViewNumber = async (page: Page) => Number((await page.getByTestId('in-view').textContent())!.replace(/\D/g, ''));

/** What the server counts in the map's current view under `filters`, and what /api/households holds there (as the county admin). */
async function serverCounts(tp: TestPage, filters = '') {
  const box = await viewBox(tp.page);
  const api = await county();
  const counts = await api.get(`/api/households/counts?bbox=${box}${filters}`);
  const listed = await api.get(`/api/households?bbox=${box}${filters}`);
  return { counts, listed: listed.features.length as number };
}

async function openHouse(tp: TestPage) {
  const { page } = tp;
  // A D house of the ledger: in the middle of things.
  const fc = await (await county()).get('/api/households?grade=D&limit=1');
  const f = fc.features[0];
  await jumpTo(page, f.geometry.coordinates[0], f.geometry.coordinates[1], 16.5);
  const houses = await rendered(page, 'household-points');
  expect(houses.length).toBeGreaterThan(0);
  expect(houses.map((h) => h.id)).toContain(f.id);
  expect(houses.every((h) => !('point_count' in h.props))).toBe(true);
  const box = (await page.locator('.map').boundingBox())!;
  const p = await page.evaluate(([lon, lat]) => window.__anju!.map.project([lon!, lat!]), f.geometry.coordinates as [number, number]);
  await page.mouse.click(box.x + p.x, box.y + p.y);
  const drawer = page.getByRole('dialog');
  await expect.poll(() => drawer.textContent(), { timeout: 15_000 }).toContain(f.properties.householdNo);
  expect(new URL(page.url()).searchParams.get('h')).toBe(String(f.id));
  return f;
}

describe('a county above the tile threshold', () => {
  it('draws from tiles at 1440×900: aggregates at county zoom, no GeoJSON download, legend counted by the server', async () => {
    const tp = await e2e.newPage(DESKTOP);
    const { page } = tp;
    const requests = recordRequests(page);
    await signIn(page, e2e.url);
    await waitForHouses(page);
    expect(await page.locator('.map').getAttribute('data-source')).toBe('tiles');
    await waitForMapIdle(page);
    expect(requests.some((r) => /^\/api\/tiles\/households\/\d+\/\d+\/\d+\.mvt/.test(r))).toBe(true);
    // The whole county was never asked for as GeoJSON.
    expect(requests.filter((r) => /^\/api\/households(\?|$)/.test(r))).toEqual([]);

    // Aggregates say where danger is: a count, the C/D count, the worst grade.
    const aggregates = await rendered(page, 'household-clusters');
    expect(aggregates.length).toBeGreaterThan(0);
    expect(aggregates.some((a) => Number(a.props.cd) > 0)).toBe(true);
    expect(aggregates.every((a) => typeof a.props.point_count === 'number' && ['A', 'B', 'C', 'D', 'none'].includes(String(a.props.worst)))).toBe(true);

    // The legend's number is the server's count of the view, which is what /api/households holds there.
    await expect.poll(async () => (await inViewNumber(page)) === (await serverCounts(tp)).counts.total, { timeout: 15_000 }).toBe(true);
    const { counts, listed } = await serverCounts(tp);
    expect(counts.total).toBe(listed);
    await expect.poll(() => page.locator('.legend__muted').first().textContent()).toContain('瓦片');
    await page.getByRole('button', { name: '图例' }).click().catch(() => {});
    await screenshot(page, 'tiles-desktop-county');

    // Zoomed to a village's street: single houses; a click opens the drawer.
    await openHouse(tp);
    await screenshot(page, 'tiles-desktop-house');
    // Counts follow the view.
    await page.keyboard.press('Escape');
    await jumpTo(page, (await page.evaluate(() => window.__anju!.map.getCenter().lng)), await page.evaluate(() => window.__anju!.map.getCenter().lat), 13);
    await expect.poll(async () => (await inViewNumber(page)) === (await serverCounts(tp)).counts.total, { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'tiles-desktop-township');
    await signOut(page);
  }, 120_000);

  it('follows the filter panel: new tiles for the filters, aggregates of D only, and back on reset', async () => {
    const tp = await e2e.newPage(DESKTOP);
    const { page } = tp;
    const requests = recordRequests(page);
    await signIn(page, e2e.url);
    await waitForHouses(page);
    await waitForMapIdle(page);
    for (const label of ['A级 安全', 'B级 基本安全', 'C级 局部危房', '未鉴定']) await page.getByLabel(label).uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.get('grade')).toBe('D');
    // The source's URL changes with the filters (setTiles): the next tiles carry them.
    await expect.poll(() => requests.some((r) => /\.mvt\?grade=D$/.test(r)), { timeout: 20_000 }).toBe(true);
    await waitForMapIdle(page);
    const aggregates = await rendered(page, 'household-clusters');
    expect(aggregates.length).toBeGreaterThan(0);
    expect(aggregates.every((a) => a.props.point_count === a.props.gD)).toBe(true);
    const d = await (await county()).get('/api/stats?grade=D');
    await expect.poll(async () => (await inViewNumber(page)) === (await serverCounts(tp, '&grade=D')).counts.total, { timeout: 15_000 }).toBe(true);
    expect(await inViewNumber(page)).toBeGreaterThan(0);
    expect(await inViewNumber(page)).toBeLessThanOrEqual(d.total);

    await page.getByRole('button', { name: '重置筛选' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('grade')).toBeNull();
    await expect.poll(async () => (await rendered(page, 'household-clusters')).some((a) => a.props.point_count !== a.props.gD), { timeout: 20_000 }).toBe(true);
    await signOut(page);
  }, 120_000);

  it('reads on a phone at 390×844: aggregates with their counts, and a tapped house opens its sheet', async () => {
    const tp = await e2e.newPage(PHONE, { mobile: true });
    const { page } = tp;
    await signIn(page, e2e.url);
    await waitForHouses(page);
    await waitForMapIdle(page);
    expect(await page.locator('.map').getAttribute('data-source')).toBe('tiles');
    expect((await rendered(page, 'household-clusters')).length).toBeGreaterThan(0);
    await screenshot(page, 'tiles-phone-county');
    await openHouse(tp);
    await screenshot(page, 'tiles-phone-house');
    await page.keyboard.press('Escape');
  }, 120_000);
});
