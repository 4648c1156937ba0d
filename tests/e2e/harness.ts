// Browser-test harness: a freshly seeded SQLite file in a temp folder, the real server serving the
// built client (client/dist, from `npm run build`), and the Chromium shipped by @sparticuz/chromium.
// Every page records its console errors and any request that tries to leave 127.0.0.1 (aborted):
// the app must work fully offline. After every test of a file that uses this harness, any console
// error or outside request of any of its pages fails that test — on every screen, whether or not the
// test looked. A test that provokes an error on purpose (a refused file, a lost connection) takes it
// with expectConsoleErrors / allowConsoleErrors first.
import chromium from '@sparticuz/chromium';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as pw, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { seedDemoLedger } from '../../data/demo-ledger.ts';
import { seedDatabase } from '../../data/seed-db.ts';
import { ROOT, loadDataKey } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoInspectors, seedDemoUsers } from '../../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { startServer } from '../../server/main.ts';

/**
 * @deprecated Signed out, the page's probe (GET /api/auth/session) now answers 204, so no error is
 * logged and none is allowed: this matches nothing, and is kept only so that a test still filtering
 * with it compiles. A 401 logged by any page fails the test.
 */
export const SIGNED_OUT_PROBE = /(?!)/;

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions of the page. */
  consoleErrors: string[];
  /** Console warnings (MapLibre reports a missing style image this way), for tests that look. */
  consoleWarnings: string[];
  /** Requests to any host but 127.0.0.1 (they were aborted). */
  outsideRequests: string[];
  close(): Promise<void>;
}

/** Every page opened in this test file: checked after each test. */
const pages = new Set<TestPage>();

/** Takes the console errors matching `re` out of the page's record (they were expected), returning them. */
function takeConsoleErrors(tp: TestPage, re: RegExp): string[] {
  const taken = tp.consoleErrors.filter((m) => re.test(m));
  const left = tp.consoleErrors.filter((m) => !re.test(m));
  tp.consoleErrors.splice(0, tp.consoleErrors.length, ...left);
  return taken;
}

/** The test caused these errors on purpose: each pattern must have been logged at least once; all its matches are taken. */
export function expectConsoleErrors(tp: TestPage, ...expected: RegExp[]): void {
  for (const re of expected) expect(takeConsoleErrors(tp, re).length, `expected console error ${re}`).toBeGreaterThan(0);
}

/** Errors the test's circumstances may cause (no signal): taken if logged, not required. */
export function allowConsoleErrors(tp: TestPage, ...allowed: RegExp[]): void {
  for (const re of allowed) takeConsoleErrors(tp, re);
}

// Registered when a test file imports the harness: after each of its tests, no page may have logged
// an error or tried to reach another host. The record is emptied either way, so one failure is not
// reported again by every later test.
afterEach(() => {
  const errors = [...pages].flatMap((tp) => tp.consoleErrors.splice(0));
  const outside = [...pages].flatMap((tp) => tp.outsideRequests.splice(0));
  expect(errors, 'console errors on the page').toEqual([]);
  expect(outside, 'requests that tried to leave 127.0.0.1').toEqual([]);
});

export interface E2E {
  url: string;
  dbPath: string;
  browser: Browser;
  /**
   * A page in a new context. The app's service worker is blocked unless `serviceWorker` is set: the
   * single-process Chromium goes down when another context opens while a worker of the first runs,
   * so only a file with a single context (the offline test) may let it register.
   */
  newPage(viewport?: { width: number; height: number }, opts?: { mobile?: boolean; serviceWorker?: boolean }): Promise<TestPage>;
  close(): Promise<void>;
}

/**
 * `ledger`: also seed the demo county's rectification ledger, as `npm start` does (off by default so older
 * tests keep plain houses). `tileThreshold`: houses above which the map draws from vector tiles
 * (ANJU_TILE_THRESHOLD; 30,000 by default), lowered to test the tiles without seeding a large county.
 */
export async function startE2E(opts: { households?: number; seed?: number; ledger?: boolean; tileThreshold?: number } = {}): Promise<E2E> {
  // ANJU_CLIENT_DIST lets parallel work build and test its own copy (`vite build --outDir …`).
  const clientDist = process.env.ANJU_CLIENT_DIST ?? join(ROOT, 'client', 'dist');
  if (!existsSync(join(clientDist, 'index.html'))) throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  mkdirSync(ARTIFACTS, { recursive: true });

  const dir = mkdtempSync(join(tmpdir(), 'anju-e2e-'));
  const dbPath = join(dir, 'anju.db');
  const db = openDatabase(dbPath);
  try {
    seedDatabase(db, createPersonalDataCipher(loadDataKey(dbPath)), { households: opts.households ?? 3000, seed: opts.seed ?? 7 });
    seedDemoUsers(db);
    seedDemoInspectors(db);
    if (opts.ledger) seedDemoLedger(db, { seed: opts.seed ?? 7 });
  } finally {
    db.close();
  }

  const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', clientDist, ...(opts.tileThreshold !== undefined ? { tileThreshold: opts.tileThreshold } : {}) });
  const browser = await pw.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });

  async function newPage(viewport: { width: number; height: number } = DESKTOP, o: { mobile?: boolean; serviceWorker?: boolean } = {}): Promise<TestPage> {
    const context = await browser.newContext({
      viewport,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      ...(o.mobile ? { isMobile: true, hasTouch: true } : {}),
      serviceWorkers: o.serviceWorker ? 'allow' : 'block',
    });
    const consoleErrors: string[] = [];
    const outsideRequests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      const { protocol, hostname } = new URL(url);
      if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1') return route.continue();
      outsideRequests.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const consoleWarnings: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${msg.text()} @ ${msg.location().url}`);
      if (msg.type() === 'warning') consoleWarnings.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
    const tp: TestPage = {
      page,
      context,
      consoleErrors,
      consoleWarnings,
      outsideRequests,
      // The single-process Chromium of @sparticuz/chromium goes down when a context is closed and
      // another opened after it, so contexts live until the browser closes (E2E.close); this only
      // leaves the page.
      close: async () => {
        await page.goto('about:blank').catch(() => {});
      },
    };
    pages.add(tp);
    return tp;
  }

  return {
    url: server.url,
    dbPath,
    browser,
    newPage,
    close: async () => {
      await browser.close().catch(() => {});
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in over the API: the context's cookie jar gets the session, so the page opens signed in. */
export async function signInByApi(context: BrowserContext, baseUrl: string, username = 'county'): Promise<void> {
  const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`sign-in as ${username} failed: ${res.status()} ${await res.text()}`);
}

/** The API over real HTTP as one demo user, with its cookie and CSRF token (for setting a scene and checking what arrived). */
export async function apiAs(e: { url: string }, username: string) {
  const login = await fetch(`${e.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const raw = typeof body === 'string';
    const res = await fetch(`${e.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': contentType } : {}) },
      ...(body ? { body: raw ? body : JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, b: unknown) => call('POST', p, b),
    patch: (p: string, b: unknown) => call('PATCH', p, b),
    /** A CAP message as the import route takes it. */
    postXml: (p: string, xml: string) => call('POST', p, xml, 'application/xml'),
  };
}

/**
 * Signs out through the app. The single-process Chromium of the harness shares one cookie jar among
 * its contexts, so a page of the next test would otherwise open signed in as this test's user.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(退出|Sign out)$/ }).click();
  await page.getByLabel(/用户名|Username/).waitFor();
}

/** Signs in through the login form (the real user flow) as a demo account. */
export async function signIn(page: Page, baseUrl: string, path = '/', username = 'county'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

/** Waits until the households source has loaded and the map went idle after it (MapView sets data-ready). */
export async function waitForHouses(page: Page, timeout = 30_000): Promise<number> {
  await page.locator('.map[data-ready="true"]').waitFor({ state: 'attached', timeout });
  return Number(await page.locator('.map').getAttribute('data-household-count'));
}

/** Marks the map not-ready, so that the next waitForHouses waits for fresh data. */
export async function expectNewData(page: Page): Promise<void> {
  await page.locator('.map').evaluate((el) => (el as HTMLElement).setAttribute('data-ready', 'stale'));
}

export async function waitForMapIdle(page: Page): Promise<void> {
  // Right after a navigation the map may not exist yet (fonts load first): wait for it, then for idle.
  await page.waitForFunction(() => window.__anju?.map !== undefined, null, { timeout: 30_000 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__anju!.map;
        if (!map.isMoving() && map.loaded() && map.areTilesLoaded()) {
          // one more frame so the last tiles are on the canvas
          map.once('idle', () => resolve());
          map.triggerRepaint();
        } else map.once('idle', () => resolve());
      }),
  );
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
