// Issue 10 §6 in the browser: after one visit with signal, /field opens on a phone with none — the
// service worker serves the app shell, bundle, fonts, basemap and the inspector's own tasks — each
// stop offers a geo: link and its distance, and a sign-out leaves none of that person's answers in
// the worker's caches.
import type { BrowserContext, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, allowConsoleErrors, apiAs, screenshot, signIn, signOut, startE2E, type E2E, type TestPage } from './harness.ts';

let e: E2E;
let taskId: number;
let stops: { id: number; seq: number; lon: number; lat: number }[];

/** Console errors the page should not have; a request refused while offline is expected, nothing else. */
const OFFLINE_FETCH = /^Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED) @ http:\/\/127\.0\.0\.1:\d+\//;
const unexpected = (p: TestPage) => {
  allowConsoleErrors(p, OFFLINE_FETCH);
  return p.consoleErrors;
};

/** What the service worker holds in one runtime cache (paths with query), or null when there is no such cache. */
const cached = (page: TestPage['page'], name: string) =>
  page.evaluate(async (n) => {
    if (!(await caches.has(n))) return null;
    return (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
  }, name);

const cut = (route: Route) => route.abort('internetdisconnected');
/**
 * No signal, for the page and its service worker alike. `context.setOffline` does not reach the
 * worker's own fetches in this Chromium (the single-process headless shell: they still got answers),
 * so every request that reaches the network is also refused as a lost connection would be. What the
 * worker answers from its caches never gets that far.
 */
async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', cut);
}
async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute('**/*', cut);
  await context.setOffline(false);
}

beforeAll(async () => {
  e = await startE2E({ households: 2500, seed: 11 });
  const inspector = await apiAs(e, 'inspector');
  const villageCode = (await inspector.get('/api/auth/me')).user.region.code;
  const township = await apiAs(e, 'township');
  const houses = (await township.get(`/api/households?region=${villageCode}&limit=5`)).features.map((f: any) => f.id);
  const dispatched = await township.post('/api/dispatch/manual', { householdIds: houses, dueHours: 8, idempotencyKey: 'e2e-offline-001' });
  taskId = dispatched.tasks[0].id;
  stops = (await inspector.get(`/api/tasks/${taskId}`)).stops;
}, 120_000);

afterAll(async () => {
  await e?.close();
});

describe('the installable field app', () => {
  it('serves its service worker uncached and links a manifest named 安居 with icons', async () => {
    const sw = await fetch(`${e.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const manifest = (await (await fetch(`${e.url}/manifest.webmanifest`)).json()) as { short_name: string; start_url: string; icons: { src: string }[] };
    expect(manifest.short_name).toBe('安居');
    expect(manifest.start_url).toBe('/field');
    for (const icon of manifest.icons) expect((await fetch(e.url + icon.src)).status).toBe(200);
  });

  it('opens /field with its tasks offline after one visit with signal, and forgets them at sign-out', async () => {
    // The only context of this file: the harness lets its service worker register.
    const p = await e.newPage(PHONE, { mobile: true, serviceWorker: true });
    const { page, context } = p;
    await context.grantPermissions(['geolocation'], { origin: e.url });
    // About 300 m south-west of the first stop.
    await context.setGeolocation({ longitude: stops[0]!.lon - 0.002, latitude: stops[0]!.lat - 0.002, accuracy: 15 });
    await signIn(page, e.url, '/field', 'inspector');
    const card = page.getByRole('button', { name: /巡查任务/ }).first();
    await card.waitFor();
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');

    // One visit with signal: the worker installs (the precache), takes over, and what the page asks
    // for from then on passes through it. The task is opened once, so it is on the phone too.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await card.click();
    const map = page.locator('.patrol-map');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    await page.getByRole('button', { name: '返回任务列表' }).click();
    await card.waitFor();
    expect(await cached(page, 'anju-tasks')).toEqual(expect.arrayContaining(['/api/tasks', `/api/tasks/${taskId}`]));

    // No signal: a reload still opens the field app with the inspector's task.
    await goOffline(context);
    await page.reload();
    await card.waitFor();
    // (nothing reaches the server: a task the phone never saw is not there)
    expect(await page.evaluate(() => fetch('/api/tasks/999999').then((r) => r.status, () => 'no network'))).toBe('no network');
    expect(await page.getByRole('heading', { name: '村巡查员的巡查任务' }).isVisible()).toBe(true);
    expect(await card.textContent()).toContain(`已查 0 / ${stops.length} 户`);
    // The bundled font came from the worker too: the page is not in a fallback face.
    const notoLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes('Noto Sans SC') && f.status === 'loaded').length;
    });
    expect(notoLoaded).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'field-offline-phone');

    // The task: route on the county basemap, the stops with their distance from here.
    await card.click();
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    const items = page.locator('.stop-list li');
    expect(await items.count()).toBe(stops.length);
    expect(await items.first().locator('.stop-list__what').textContent()).toMatch(/ · \d+ 米$| · [\d.]+ 公里$/);
    // A stop: "导航" hands its coordinates to the phone's map app; the distance is ~300 m.
    await page.getByRole('button', { name: /^第 1 户/ }).click();
    const go = page.getByRole('link', { name: '导航' });
    expect(await go.getAttribute('href')).toBe(`geo:${stops[0]!.lat.toFixed(6)},${stops[0]!.lon.toFixed(6)}`);
    const distance = await page.getByTestId('stop-distance').textContent();
    const metres = Number(/^距您 (\d+) 米$/.exec(distance ?? '')?.[1]);
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(400);
    await screenshot(page, 'field-offline-stop-phone');
    // A note typed without signal reads in the bundled font, whatever its characters: every regular
    // slice is precached (client/pwa/font-slices.ts). load() rejects if a slice it needs cannot be had.
    // (woodwork words no screen shows: 椽子糟朽 rafters rotten, 卯眼 mortise, 翘曲 warped)
    const note = '椽子糟朽，卯眼翘曲';
    await page.getByLabel('备注').fill(note);
    const faces = await page.evaluate(async (text) => (await document.fonts.load('16px "Noto Sans SC"', text)).map((f) => f.status), note);
    expect(faces.length).toBeGreaterThan(0);
    expect(faces.every((status) => status === 'loaded')).toBe(true);

    // Back online, signing out empties the caches that hold the inspector's answers; the county's
    // basemap (the same for everyone) stays.
    await goOnline(context);
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('button', { name: '返回任务列表' }).click();
    await signOut(page);
    await expect.poll(() => cached(page, 'anju-tasks')).toBeNull();
    expect(await cached(page, 'anju-me')).toBeNull();
    expect((await cached(page, 'anju-basemap'))?.length).toBeGreaterThan(0);
    // Offline again, the phone has nothing of the inspector left to show.
    await goOffline(context);
    await page.reload();
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('巡查任务').count()).toBe(0);
    await screenshot(page, 'field-offline-signed-out-phone');
    await goOnline(context);

    expect(unexpected(p)).toEqual([]);
    expect(p.outsideRequests).toEqual([]);
    await p.close();
  }, 120_000);
});
