// The report PDFs over real HTTP: the real server serving the built client, its own headless Chromium
// rendering the print pages as the asking user, and the PDF read back with pdfjs-dist — its pages,
// sizes and Chinese text — and drawn to PNGs (tests/artifacts/pdf-*.png) for a person to look at.
// One server and one renderer for the whole file; renders take turns, as in production.
import chromium from '@sparticuz/chromium';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as pw, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoLedger } from '../../data/demo-ledger.ts';
import { seedDatabase } from '../../data/seed-db.ts';
import { loadConfig, loadDataKey, ROOT } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoInspectors, seedDemoUsers } from '../../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { until } from './over-http.ts';
import { pdfPageSizes, pdfText, pdfToPngs } from './pdf-pages.ts';

const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const A4_LANDSCAPE = { width: 842, height: 595 };
const A4_PORTRAIT = { width: 595, height: 842 };
const RENDER_MS = 120_000;

let dir: string;
let server: RunningServer;
let browser: Browser | null = null;
const cookies = new Map<string, string>();

beforeAll(async () => {
  const clientDist = process.env.ANJU_CLIENT_DIST ?? join(ROOT, 'client', 'dist');
  if (!existsSync(join(clientDist, 'index.html'))) throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'anju-pdf-'));
  const dbPath = join(dir, 'anju.db');
  const db = openDatabase(dbPath);
  try {
    seedDatabase(db, createPersonalDataCipher(loadDataKey(dbPath)), { households: 3000, seed: 7 });
    seedDemoUsers(db);
    seedDemoInspectors(db);
    seedDemoLedger(db, { seed: 7 });
  } finally {
    db.close();
  }
  // One render may wait behind the running one; a third is turned away.
  server = await startServer({ dbPath, port: 0, host: '127.0.0.1', clientDist, pdf: { maxWaiting: 1 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function cookieOf(username: string): Promise<string> {
  const known = cookies.get(username);
  if (known) return known;
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  cookies.set(username, cookie);
  return cookie;
}

const get = async (path: string, as = 'county', signal?: AbortSignal) =>
  fetch(`${server.url}${path}`, { headers: { cookie: await cookieOf(as) }, ...(signal ? { signal } : {}) });

async function json<T = any>(path: string, as = 'county'): Promise<T> {
  const res = await get(path, as);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A PDF route's answer as bytes, with how long it took (measured, reported, never asserted). */
async function pdfOf(path: string, as = 'county') {
  const t0 = performance.now();
  const res = await get(path, as);
  const body = new Uint8Array(await res.arrayBuffer());
  const ms = Math.round(performance.now() - t0);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${new TextDecoder().decode(body)}`);
  return { res, pdf: body, ms };
}

/** Sessions the renderer opened (they live minutes, a sign-in's 12 h) and that are still open. */
function openRenderSessions(): number {
  const db = openDatabase(join(dir, 'anju.db'));
  try {
    const row = db.prepare('SELECT count(*) AS n FROM sessions WHERE revoked_at IS NULL AND expires_at - created_at < 3600000').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** The page's text with the spaces pdfjs puts between runs taken out: 第 1 页 / 共 3 页 → 第1页/共3页. */
const squeeze = (s: string) => s.replace(/\s+/g, '');
const figure = (n: number) => n.toLocaleString('zh-CN');

async function pngs(pdf: Uint8Array, name: string): Promise<string[]> {
  browser ??= await pw.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  return pdfToPngs(browser, pdf, join(ARTIFACTS, name));
}

describe('the briefing PDF', () => {
  it(
    'renders the county: three A4 landscape pages with the county, its housing bureau, page numbers, every township and the dashboard’s figures',
    async () => {
      const dash = await json('/api/dashboard');
      const county = dash.region;
      const path = `/api/reports/briefing.pdf?region=${county.code}&date=${dash.today}`;
      const cold = await pdfOf(path);
      const warm = await pdfOf(path);
      console.log(`[pdf] county briefing: cold ${cold.ms} ms, warm ${warm.ms} ms, ${warm.pdf.length} bytes`);

      expect(warm.res.headers.get('content-type')).toBe('application/pdf');
      const disposition = warm.res.headers.get('content-disposition')!;
      expect(disposition).toContain(`filename="briefing-${county.code}-${dash.today}.pdf"`);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${county.name}农村住房安全简报_${dash.today}.pdf`)}`);

      expect(await pdfPageSizes(warm.pdf)).toEqual([A4_LANDSCAPE, A4_LANDSCAPE, A4_LANDSCAPE]);
      const pages = (await pdfText(warm.pdf)).map(squeeze);
      pages.forEach((text, i) => {
        expect(text).toContain(`第${i + 1}页/共3页`);
        expect(text).toContain(`${county.name}住房和城乡建设局`);
      });
      expect(pages[0]).toContain(`${county.name}农村住房安全简报`);
      expect(pages[0]).toContain(figure(dash.households.total));
      expect(pages[0]).toContain(figure(dash.households.byGrade.C + dash.households.byGrade.D));
      expect(pages[0]).toContain(figure(dash.ledger.inLedger));
      for (const township of dash.children) expect(pages[1]).toContain(township.name);
      const first = dash.children[0];
      expect(pages[1]).toContain(`${first.name}${figure(first.households)}${first.byGrade.C}${first.byGrade.D}${first.inLedger}`);

      expect(await pngs(warm.pdf, 'pdf-briefing')).toHaveLength(3);
      // Each render signed in with a session of its own, ended as soon as the PDF was out.
      expect(openRenderSessions()).toBe(0);
    },
    RENDER_MS,
  );

  it(
    'renders a township for its own staff (region omitted): its name, its government, its villages',
    async () => {
      const dash = await json('/api/dashboard', 'township');
      const town = dash.region;
      expect(town.level).toBe('township');
      const { pdf, ms } = await pdfOf(`/api/reports/briefing.pdf?date=${dash.today}`, 'township');
      console.log(`[pdf] township briefing (${town.name}): ${ms} ms warm, ${pdf.length} bytes`);
      const pages = (await pdfText(pdf)).map(squeeze);
      expect(pages).toHaveLength(3);
      const unit = town.name.endsWith('街道') ? `${town.name}办事处` : `${town.name}人民政府`;
      expect(pages[0]).toContain(unit);
      expect(pages[0]).toContain(`${town.name}农村住房安全简报`);
      expect(pages[0]).toContain('第1页/共3页');
      expect(pages[0]).toContain(figure(dash.households.total));
      for (const village of dash.children) expect(pages[1]).toContain(village.name);
      await pngs(pdf, 'pdf-briefing-township');
    },
    RENDER_MS,
  );

  it('checks the region against the jurisdiction before rendering: another township is 404 naming region, and nothing is rendered', async () => {
    const regions = await json('/api/regions');
    const own = (await json('/api/auth/me', 'township')).user.region.code;
    const other = regions.county.children.find((t: { code: string }) => t.code !== own).code;
    const before = server.pdf!.stats().started;
    for (const path of [`/api/reports/briefing.pdf?region=${other}`, `/api/reports/monthly.pdf?region=${other}`, `/api/reports/quarterly-warnings.pdf?region=${regions.county.code}`]) {
      const res = await get(path, 'township');
      expect(res.status, path).toBe(404);
      expect((await res.json()).error).toMatchObject({ code: 'region_not_found', field: 'region' });
    }
    // Bad input names its field; the village inspector has no reports.
    const bad = await get('/api/reports/briefing.pdf?date=2026-02-30');
    expect([bad.status, (await bad.json()).error.field]).toEqual([400, 'date']);
    const month = await get('/api/reports/monthly.pdf?month=2026-13');
    expect([month.status, (await month.json()).error.field]).toEqual([400, 'month']);
    // A month or quarter not begun has nothing to report: refused here, as the JSON routes refuse it.
    const future = await get('/api/reports/quarterly-warnings.pdf?quarter=2999Q1');
    expect([future.status, (await future.json()).error.field]).toEqual([400, 'quarter']);
    expect((await get('/api/reports/briefing.pdf', 'inspector')).status).toBe(403);
    expect(server.pdf!.stats().started).toBe(before);
  });
});

describe('the monthly and quarterly PDFs', () => {
  it(
    'renders the monthly progress report: three A4 portrait pages of tables by township, the totals as the API gives them',
    async () => {
      const month = (await json('/api/dashboard')).today.slice(0, 7);
      const report = await json(`/api/reports/monthly?month=${month}`);
      const { pdf, ms } = await pdfOf(`/api/reports/monthly.pdf?month=${month}`);
      console.log(`[pdf] county monthly report: ${ms} ms, ${pdf.length} bytes`);
      expect(await pdfPageSizes(pdf)).toEqual([A4_PORTRAIT, A4_PORTRAIT, A4_PORTRAIT]);
      const pages = (await pdfText(pdf)).map(squeeze);
      expect(pages[0]).toContain(`${report.region.name}住房和城乡建设局`);
      expect(pages[0]).toContain('第1页/共3页');
      expect(pages[0]).toContain('农村危房整治进度月报');
      for (const row of report.byChild) expect(pages[0]).toContain(`${row.name}${figure(row.households)}`);
      expect(pages[0]).toContain(`合计${figure(report.totals.households)}`);
      expect(pages[2]).toContain(`合计${figure(report.totals.worksStarted)}${figure(report.totals.worksCompleted)}`);
      await pngs(pdf, 'pdf-monthly');
    },
    RENDER_MS,
  );

  it(
    'renders the quarterly warning statistics: warnings by type × level, then each township’s response',
    async () => {
      const dash = await json('/api/dashboard');
      const quarter = `${dash.today.slice(0, 4)}Q${Math.floor((Number(dash.today.slice(5, 7)) - 1) / 3) + 1}`;
      const report = await json(`/api/reports/quarterly-warnings?quarter=${quarter}`);
      const { pdf } = await pdfOf(`/api/reports/quarterly-warnings.pdf?quarter=${quarter}`);
      const pages = (await pdfText(pdf)).map(squeeze);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[0]).toContain('预警信息季度统计');
      const last = pages.join('');
      expect(last).toContain(`合计${figure(report.totals.alerts)}${figure(report.totals.exposed)}${figure(report.totals.patrolled)}`);
      await pngs(pdf, 'pdf-quarterly');
    },
    RENDER_MS,
  );
});

describe('the renderer under load', () => {
  it(
    'renders one at a time, lets one wait, turns the next away with 429 busy and Retry-After, and drops a caller who hung up',
    async () => {
      const pdf = server.pdf!;
      const startedBefore = pdf.stats().started;
      const first = get('/api/reports/briefing.pdf');
      await until(() => pdf.stats().running, 'the first render runs');
      const hangUp = new AbortController();
      const second = get('/api/reports/monthly.pdf', 'staff', hangUp.signal).catch((err: Error) => err);
      await until(() => pdf.stats().waiting === 1, 'the second waits');

      const third = await get('/api/reports/quarterly-warnings.pdf', 'leader');
      expect(third.status).toBe(429);
      expect((await third.json()).error.code).toBe('busy');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

      hangUp.abort();
      expect(await second).toBeInstanceOf(Error);
      await until(() => pdf.stats().waiting === 0, 'the caller who hung up left the queue');
      expect((await first).status).toBe(200);
      // Only the first got a turn: the one who hung up never signed in or opened a page.
      expect(pdf.stats().started).toBe(startedBefore + 1);
    },
    RENDER_MS,
  );

  it(
    'stops a render whose caller hung up and throws its browser away; the next render starts a fresh one',
    async () => {
      const pdf = server.pdf!;
      const launches = pdf.stats().launches;
      const hangUp = new AbortController();
      const gone = get('/api/reports/briefing.pdf', 'county', hangUp.signal).catch((err: Error) => err);
      await until(() => pdf.stats().running, 'the render runs');
      hangUp.abort();
      await gone;
      await until(() => !pdf.stats().running && !pdf.stats().browserUp, 'the render stopped and its browser is gone');
      const next = await pdfOf('/api/reports/monthly.pdf');
      expect(next.pdf.length).toBeGreaterThan(1000);
      expect(pdf.stats().launches).toBe(launches + 1);
    },
    RENDER_MS,
  );
});

describe('a render past its time', () => {
  it(
    'answers 504 render_timeout and ends the render’s session',
    async () => {
      // A limit no render can meet, on a second server over the same database.
      const hasty = await startServer({ dbPath: join(dir, 'anju.db'), port: 0, host: '127.0.0.1', clientDist: join(ROOT, 'client', 'dist'), pdf: { timeoutMs: 1 } });
      try {
        const res = await fetch(`${hasty.url}/api/reports/monthly.pdf`, { headers: { cookie: await cookieOf('county') } });
        expect(res.status).toBe(504);
        expect((await res.json()).error.code).toBe('render_timeout');
        await until(() => !hasty.pdf!.stats().browserUp, 'the browser is thrown away');
        await until(() => openRenderSessions() === 0, 'the render’s session is ended');
      } finally {
        await hasty.close();
      }
    },
    RENDER_MS,
  );
});

describe('ANJU_PDF=off', () => {
  it('answers 503 pdf_disabled on every PDF route, and the setting is read from the environment', async () => {
    expect(loadConfig({ ANJU_PDF: 'off' }).pdf).toBe(false);
    expect(loadConfig({}).pdf).toBe(true);
    expect(() => loadConfig({ ANJU_PDF: 'no' })).toThrow(/ANJU_PDF/);
    const off = await startServer({ dbPath: join(dir, 'anju.db'), port: 0, host: '127.0.0.1', clientDist: join(dir, 'none'), pdf: false });
    try {
      const cookie = await cookieOf('county');
      for (const report of ['briefing', 'monthly', 'quarterly-warnings']) {
        const res = await fetch(`${off.url}/api/reports/${report}.pdf`, { headers: { cookie } });
        expect(res.status, report).toBe(503);
        expect((await res.json()).error.code).toBe('pdf_disabled');
      }
      expect(off.pdf).toBeNull();
    } finally {
      await off.close();
    }
  });
});
