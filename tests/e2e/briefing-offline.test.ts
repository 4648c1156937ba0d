// A briefing opened once with signal opens again in a meeting room without (issue 12): the service
// worker serves the shell, the lazy briefing chunk and the font from its precache, who is signed in
// from anju-me, the county basemap from anju-basemap, and the figures, fragile houses and warnings the
// briefing asked for from anju-briefing — which, holding one user's view, goes at sign-out.
import type { BrowserContext, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowConsoleErrors, apiAs, signIn, signOut, startE2E, type E2E, type TestPage } from './harness.ts';

const PROJECTOR = { width: 1920, height: 1080 } as const;
const OFFLINE_FETCH = /^Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED) @ http:\/\/127\.0\.0\.1:\d+\//;

let e: E2E;
let figures: any;

const cut = (route: Route) => route.abort('internetdisconnected');
/** No signal for the page and its worker alike (setOffline does not reach the worker here: see field-offline.test.ts). */
async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', cut);
}
async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute('**/*', cut);
  await context.setOffline(false);
}

const cached = (page: TestPage['page'], name: string) =>
  page.evaluate(async (n) => {
    if (!(await caches.has(n))) return null;
    return (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname);
  }, name);

beforeAll(async () => {
  e = await startE2E({ ledger: true });
  figures = await (await apiAs(e, 'township')).get('/api/dashboard');
}, 180_000);

afterAll(async () => {
  await e?.close();
});

describe('the briefing offline', () => {
  it('opens again without signal after one visit with it, numbers and map, and is forgotten at sign-out', async () => {
    // The only context of this file: the harness lets its service worker register.
    const p = await e.newPage(PROJECTOR, { serviceWorker: true });
    const { page, context } = p;
    await signIn(page, e.url, '/briefing', 'township');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator('.briefing-map[data-ready="true"]').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => cached(page, 'anju-briefing'))
      .toEqual(expect.arrayContaining(['/api/dashboard', '/api/households', '/api/alerts']));

    await goOffline(context);
    await page.reload();
    await page.locator('.briefing-map[data-ready="true"]').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => fetch('/api/stats').then((r) => r.status, () => 'no network'))).toBe('no network');
    expect(await page.locator('.briefing__region').textContent()).toBe(figures.region.name);
    expect(await page.getByTestId('key-households').first().textContent()).toBe(figures.households.total.toLocaleString('zh-CN'));
    await page.keyboard.press('End');
    expect(await page.getByTestId('slide-counter').textContent()).toBe('4 / 4');

    // Signing out (online) empties the briefing's cache; the basemap stays.
    await goOnline(context);
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await signOut(page);
    await expect.poll(() => cached(page, 'anju-briefing')).toBeNull();
    expect((await cached(page, 'anju-basemap'))?.length).toBeGreaterThan(0);

    allowConsoleErrors(p, OFFLINE_FETCH);
  }, 180_000);
});
