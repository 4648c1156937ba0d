// Page load at 20,000 households, measured as the browser tests do (tests/e2e/harness.ts): the built
// client (client/dist, or ANJU_CLIENT_DIST) served by the real server on a seeded file, the Chromium of
// @sparticuz/chromium, a fresh context per load (cold cache, service worker blocked), 1440×900, zh-CN.
// The figure is the performance mark MapView sets once the houses are drawn ('anju:households-drawn',
// ms since navigation). The baseline is the sign-in screen, signed out, in a fresh context too (ms
// from navigation to its password field): the app's floor on this machine. What was fetched before
// the houses were drawn is counted in response bodies as the page got them (decompressed). Then the same
// county drawn from vector tiles (a tile threshold of 0), and the 1,000,000-household county (tiles) on
// the shared 1M server, which serves this checkout's client/dist (not --quick).
// The map asks for the households' map view (`view=map`), so the /api figure is that answer's size.
// Between loads the left page is given 1.5 s to be torn down (pageGone), so that its teardown does not
// land in the next load. `npx tsx bench/pageload.ts` prints the marks and the waterfall of one 20k load.
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
import { LARGE, served } from './fixtures.ts';
import type { BenchContext, BenchResult } from './run.ts';

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

/**
 * Waits until the page just left is torn down. Chromium shuts a left page's widget down a second after
 * (a delayed task), on the one renderer thread this single-process browser has: it took ~0.8 s of that
 * thread with a map on it, and landed in the middle of the next load.
 */
const pageGone = () => new Promise((resolve) => setTimeout(resolve, 1_500));

/** One load of the map, signed in, in a fresh context: ms to houses drawn, and what was fetched before. */
async function loadMap(browser: Browser, url: string): Promise<{ ms: number; fetched: Fetched[]; marks: string }> {
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
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name.replace('anju:', '')}@${Math.round(m.startTime)}`).join(' '));
  const fetched = (await Promise.all(requests)).map((f) => ({ ...f, start: f.start - origin!, end: f.end - origin! })).filter((f) => f.start <= ms!);
  // A context is not closed: the single-process Chromium goes down when another opens after (harness.ts).
  await page.goto('about:blank');
  await pageGone();
  if (errors.length > 0) throw new Error(`the page logged errors: ${errors.join(' | ')}`);
  return { ms: ms!, fetched, marks };
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
  await pageGone();
  if (errors.length > 0) throw new Error(`the sign-in page logged errors: ${errors.join(' | ')}`);
  return ms;
}

const launch = async () => pw.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });

interface MapLoads {
  ms: number[];
  /** The middle load's requests and marks. */
  fetched: Fetched[];
  marks: string;
}

/** LOADS map loads in a browser of their own, after one to warm up (disk caches, the server's JIT). */
async function mapLoads(url: string): Promise<MapLoads> {
  const browser = await launch();
  try {
    await loadMap(browser, url);
    const loads = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadMap(browser, url));
    const middle = [...loads].sort((a, b) => a.ms - b.ms)[Math.floor(LOADS / 2)]!;
    return { ms: loads.map((l) => l.ms), fetched: middle.fetched, marks: middle.marks };
  } finally {
    await browser.close();
  }
}

/**
 * Signed out, in a browser of its own: this single-process Chromium shares one cookie jar among its
 * contexts (harness.ts), so after a signed-in load the next context would open signed in.
 */
async function signInLoads(url: string): Promise<number[]> {
  const browser = await launch();
  try {
    await loadSignIn(browser, url);
    const ms = [];
    for (let i = 0; i < LOADS; i++) ms.push(await loadSignIn(browser, url));
    return ms;
  } finally {
    await browser.close();
  }
}

/**
 * The demo county at 20,000 households served as the browser tests serve it: the sign-in screen, the
 * map as it draws this county (GeoJSON: below the tile threshold), and — `tiles` — the same county
 * drawn from vector tiles (a threshold of 0).
 */
export async function measurePageLoad(opts: { tiles?: boolean } = {}): Promise<{ signIn: number[]; geojson: MapLoads; tiles: MapLoads | null }> {
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
    const serve = (tileThreshold?: number) =>
      startServer({ dbPath, port: 0, host: '127.0.0.1', clientDist, pdf: false, ...(tileThreshold === undefined ? {} : { tileThreshold }) });
    let server = await serve();
    let signIn: number[];
    let geojson: MapLoads;
    try {
      signIn = await signInLoads(server.url);
      geojson = await mapLoads(server.url);
    } finally {
      await server.close();
    }
    if (!opts.tiles) return { signIn, geojson, tiles: null };
    server = await serve(0);
    try {
      return { signIn, geojson, tiles: await mapLoads(server.url) };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => bytes / 1024;

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const { signIn, geojson, tiles } = await measurePageLoad({ tiles: true });
  const { fetched } = geojson;
  const bytesOf = (test: (name: string) => boolean) => fetched.filter((f) => test(f.name)).reduce((s, f) => s + f.bytes, 0);
  const drawn = (name: string, loads: MapLoads): BenchResult => ({
    name,
    value: median(loads.ms),
    unit: 'ms',
    baseline: median(signIn),
    ratio: median(loads.ms) / median(signIn),
    note: `houses drawn: ${loads.ms.map(Math.round).join(', ')} ms; sign-in screen: ${signIn.map(Math.round).join(', ')} ms; middle load's marks: ${loads.marks}`,
  });
  const rows: BenchResult[] = [
    drawn(`page load → ${HOUSEHOLDS.toLocaleString('en')} houses drawn, fresh context (median of ${LOADS}; vs the sign-in screen)`, geojson),
    { name: 'page load: requests before houses drawn', value: fetched.length, unit: 'count' },
    { name: 'page load: fetched before houses drawn, all', value: kib(bytesOf(() => true)), unit: 'KiB' },
    { name: 'page load: … of which scripts', value: kib(bytesOf((n) => /\.m?js$/.test(n))), unit: 'KiB' },
    { name: 'page load: … of which fonts', value: kib(bytesOf((n) => /\.woff2?$/.test(n))), unit: 'KiB' },
    { name: 'page load: … of which /api', value: kib(bytesOf((n) => n.startsWith('/api/'))), unit: 'KiB' },
  ];
  if (tiles) rows.push(drawn(`page load → the same ${HOUSEHOLDS.toLocaleString('en')} drawn from vector tiles (tile threshold 0)`, tiles));
  // The 1M county's shared server (a child process) serves client/dist of this checkout.
  if (!ctx.quick) rows.push(drawn('page load → 1,000,000 households drawn (vector tiles), the shared 1M server', await mapLoads((await served(LARGE)).url)));
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { signIn, geojson } = await measurePageLoad();
  console.log(`the middle load's marks (ms since navigation): ${geojson.marks}`);
  console.log('what the middle load fetched before the houses were drawn (ms since navigation, KiB decompressed):');
  for (const f of geojson.fetched.sort((a, b) => a.start - b.start))
    console.log(`${f.start.toFixed(0).padStart(6)} → ${f.end.toFixed(0).padStart(6)}  ${kib(f.bytes).toFixed(1).padStart(8)}  ${f.name}`);
  console.log(`houses drawn: ${geojson.ms.map(Math.round).join(', ')} ms; sign-in screen: ${signIn.map(Math.round).join(', ')} ms`);
}
