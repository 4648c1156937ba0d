// Browser-test harness: a freshly seeded SQLite file in a temp folder, the real server serving the
// built client (client/dist, from `npm run build`), and the Chromium shipped by @sparticuz/chromium.
// Every page records its console errors and any request that tries to leave 127.0.0.1 (aborted):
// the app must work fully offline.
import chromium from '@sparticuz/chromium';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as pw, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedDatabase } from '../../data/seed-db.ts';
import { ROOT, loadDataKey } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoInspectors, seedDemoUsers } from '../../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { startServer } from '../../server/main.ts';

/**
 * Signed out, the app asks /api/auth/me who is there and gets 401 (as every route does without a
 * session), which Chrome logs as a failed resource load: expected on a fresh visit, not a page error.
 */
export const SIGNED_OUT_PROBE = /status of 401 \(Unauthorized\) @ http:\/\/127\.0\.0\.1:\d+\/api\/auth\/me$/;

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions of the page. */
  consoleErrors: string[];
  /** Requests to any host but 127.0.0.1 (they were aborted). */
  outsideRequests: string[];
  close(): Promise<void>;
}

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

export async function startE2E(opts: { households?: number; seed?: number } = {}): Promise<E2E> {
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
  } finally {
    db.close();
  }

  const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', clientDist });
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
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${msg.text()} @ ${msg.location().url}`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
    return {
      page,
      context,
      consoleErrors,
      outsideRequests,
      // The single-process Chromium of @sparticuz/chromium goes down when a context is closed and
      // another opened after it, so contexts live until the browser closes (E2E.close); this only
      // leaves the page.
      close: async () => {
        await page.goto('about:blank').catch(() => {});
      },
    };
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
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${e.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (p: string) => call('GET', p), post: (p: string, b: unknown) => call('POST', p, b) };
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
