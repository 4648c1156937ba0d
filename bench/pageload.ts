// Page load at 20,000 households, measured as the browser tests do (tests/e2e/harness.ts): the built
// client (client/dist, or ANJU_CLIENT_DIST) served by the real server on a seeded file, the Chromium of
// @sparticuz/chromium, a fresh context per load (cold cache, service worker blocked), 1440×900, zh-CN.
// The figure is the performance mark MapView sets once the houses are drawn ('anju:households-drawn',
// ms since navigation). The baseline is the sign-in screen, signed out, in a fresh context too (ms
// from navigation to its password field): the app's floor on this machine. What was fetched before
// the houses were drawn is counted in response bodies as the page got them (decompressed).
// `npx tsx bench/pageload.ts` prints the waterfall of one load as well.
import chromium from '@sparticuz/chromium';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium as pw, type Browser, type Page } from 'playwright-core';
import { seedDatabase } from '../data/seed-db.ts';
import { ROOT, loadDataKey } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoInspectors, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { startServer } from '../server/main.ts';
import type { BenchResult } from './run.ts';

const HOUSEHOLDS = 20_000;
/** Loads measured, after one warm-up load (disk caches, the server's JIT). */
const LOADS = 3;
const DRAWN = 'anju:households-drawn';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface Fetched {
  name: string;
  /** ms since navigation */
  start: number;
  end: number;
  /** The body's bytes as the page got them (after gzip: this Chromium reports no wire size for our static files). */
  bytes: number;
}

const CONTEXT = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', serviceWorkers: 'block' } as const;

function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  return errors;
}

/** One load of the map, signed in, in a fresh context: ms to houses drawn, and what was fetched before. */
async function loadMap(browser: Browser, url: string): Promise<{ ms: number; fetched: Fetched[] }> {
  const context = await browser.newContext(CONTEXT);
  const login = await context.request.post(`${url}/api/auth/login`, { data: { username: 'county', password: DEMO_PASSWORD }, headers: { origin: url } });
  if (!login.ok()) throw new Error(`sign-in answered ${login.status()}`);
  const page = await context.newPage();
  const errors = recordErrors(page);
  const requests: Promise<Fetched>[] = [];
  page.on('requestfinished', (req) => {
    requests.push(
      (async () => {
        const t = req.timing(); // startTime: epoch ms; responseEnd: ms after it
        const body = await (await req.response())?.body().catch(() => null);
        return { name: new URL(req.url()).pathname, start: t.startTime, end: t.startTime + t.responseEnd, bytes: body?.byteLength ?? 0 };
      })(),
    );
  });
  await page.goto(`${url}/`);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, DRAWN, { timeout: 120_000 });
  const [ms, origin] = await page.evaluate((mark) => [performance.getEntriesByName(mark)[0]!.startTime, performance.timeOrigin], DRAWN);
  const fetched = (await Promise.all(requests)).map((f) => ({ ...f, start: f.start - origin!, end: f.end - origin! })).filter((f) => f.start <= ms!);
  // A context is not closed: the single-process Chromium goes down when another opens after (harness.ts).
  await page.goto('about:blank');
  if (errors.length > 0) throw new Error(`the page logged errors: ${errors.join(' | ')}`);
  return { ms: ms!, fetched };
}

/** The sign-in screen, signed out, in a fresh context: ms from navigation to its password field. */
async function loadSignIn(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  const errors = recordErrors(page);
  await page.goto(`${url}/`);
  await page.locator('input[type="password"]').waitFor({ timeout: 60_000 });
  const ms = await page.evaluate(() => performance.now());
  await page.goto('about:blank');
  if (errors.length > 0) throw new Error(`the sign-in page logged errors: ${errors.join(' | ')}`);
  return ms;
}

export async function measurePageLoad(): Promise<{ map: number[]; signIn: number[]; fetched: Fetched[] }> {
  const clientDist = process.env.ANJU_CLIENT_DIST ?? join(ROOT, 'client', 'dist');
  if (!existsSync(join(clientDist, 'index.html'))) throw new Error('client/dist is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'anju-bench-'));
  try {
    const dbPath = join(dir, 'anju.db');
    const db = openDatabase(dbPath);
    seedDatabase(db, createPersonalDataCipher(loadDataKey(dbPath)), { households: HOUSEHOLDS, seed: 1 });
    seedDemoUsers(db);
    seedDemoInspectors(db);
    db.close();
    const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', clientDist, pdf: false });
    const launch = async () => pw.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
    try {
      // Signed out in a browser of its own: this single-process Chromium shares one cookie jar among
      // its contexts (harness.ts), so a signed-in load would leave the next context signed in.
      const signIn = [];
      let browser = await launch();
      try {
        await loadSignIn(browser, server.url); // warm-up: disk caches, the server's JIT
        for (let i = 0; i < LOADS; i++) signIn.push(await loadSignIn(browser, server.url));
      } finally {
        await browser.close();
      }
      const map = [];
      browser = await launch();
      try {
        await loadMap(browser, server.url);
        for (let i = 0; i < LOADS; i++) map.push(await loadMap(browser, server.url));
      } finally {
        await browser.close();
      }
      const middle = [...map].sort((a, b) => a.ms - b.ms)[Math.floor(LOADS / 2)]!;
      return { map: map.map((l) => l.ms), signIn, fetched: middle.fetched };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => bytes / 1024;

export async function run(): Promise<BenchResult[]> {
  const { map, signIn, fetched } = await measurePageLoad();
  const bytesOf = (test: (name: string) => boolean) => fetched.filter((f) => test(f.name)).reduce((s, f) => s + f.bytes, 0);
  return [
    {
      name: `page load → ${HOUSEHOLDS.toLocaleString('en')} houses drawn, fresh context (median of ${LOADS}; vs the sign-in screen)`,
      value: median(map),
      unit: 'ms',
      baseline: median(signIn),
      ratio: median(map) / median(signIn),
      note: `houses drawn: ${map.map(Math.round).join(', ')} ms; sign-in screen: ${signIn.map(Math.round).join(', ')} ms`,
    },
    { name: 'page load: requests before houses drawn', value: fetched.length, unit: 'count' },
    { name: 'page load: fetched before houses drawn, all', value: kib(bytesOf(() => true)), unit: 'KiB' },
    { name: 'page load: … of which scripts', value: kib(bytesOf((n) => /\.m?js$/.test(n))), unit: 'KiB' },
    { name: 'page load: … of which fonts', value: kib(bytesOf((n) => /\.woff2?$/.test(n))), unit: 'KiB' },
    { name: 'page load: … of which /api', value: kib(bytesOf((n) => n.startsWith('/api/'))), unit: 'KiB' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { map, signIn, fetched } = await measurePageLoad();
  console.log('what the middle load fetched before the houses were drawn (ms since navigation, KiB decompressed):');
  for (const f of fetched.sort((a, b) => a.start - b.start))
    console.log(`${f.start.toFixed(0).padStart(6)} → ${f.end.toFixed(0).padStart(6)}  ${kib(f.bytes).toFixed(1).padStart(8)}  ${f.name}`);
  console.log(`houses drawn: ${map.map(Math.round).join(', ')} ms; sign-in screen: ${signIn.map(Math.round).join(', ')} ms`);
}
