// Frames while the map moves (issue 14's "the map pans and zooms smoothly from county to house"): the
// app at 1440 × 900 signed in as the county administrator on the shared 1,000,000-household server
// (vector tiles), in the Chromium of @sparticuz/chromium (software GL, as the browser tests run), once
// its households are drawn ('anju:households-drawn'). The map is driven through window.__anju.map with
// camera moves of known duration: a flight from county zoom to a house in the first village (z17), a
// flight out to its township (z12.5), four pans there, and a flight back to where it opened. A frame is
// the gap between two requestAnimationFrame callbacks; per leg: frames while the camera moves, their
// median, p95 and max, how many are over 50 ms, and the time from the camera stopping to the map idle
// (every tile in) — with the frames MapLibre drew and the long animation frames (PerformanceObserver
// `long-animation-frame`, where this Chromium has it) in the note. The baseline is the same trip on the
// shared 20,000-household server (GeoJSON, below the tile threshold). Screenshots of the 1M map at
// county, house and township zoom go to bench/output/ (not committed). Not in --quick.
// `npx tsx bench/frames.ts` runs it alone and prints every leg.
import chromium from '@sparticuz/chromium';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium as pw, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/db/demo-users.ts';
import { LARGE, SMALL, served, type ServedCounty } from './fixtures.ts';
import { centreOf, housesCentre, places } from './places.ts';
import type { BenchContext, BenchResult } from './run.ts';

export const OUTPUT = join(import.meta.dirname, 'output');
const DRAWN = 'anju:households-drawn';
const LONG_FRAME_MS = 50;


/**
 * The page's recorder, installed before the app's scripts: every animation frame's timestamp, the long
 * animation frames, and a move that resolves with when it started, when the camera stopped and when the
 * map was next idle. A string, so that no bundler helper of this file is needed in the page.
 */
const RECORDER = `
window.__bench = { frames: [], loafs: [], loafSupported: false };
(() => {
  const b = window.__bench;
  const tick = (t) => { b.frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    b.loafSupported = true;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.loafs.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration });
    }).observe({ type: 'long-animation-frame' });
  }
  b.move = (method, options) => new Promise((resolve) => {
    const map = window.__anju.map;
    const started = performance.now();
    let stopped = null;
    let renders = 0;
    let rendersMoving = 0;
    const rendered = () => { renders++; if (stopped === null) rendersMoving++; };
    map.on('render', rendered);
    // Subscribed before the move: the map is not idle again until it has stopped and its tiles are in.
    map.once('moveend', () => { stopped = performance.now(); });
    map.once('idle', () => {
      map.off('render', rendered);
      resolve({ started, stopped: stopped ?? performance.now(), idle: performance.now(), zoom: map.getZoom(), renders, rendersMoving });
    });
    if (method === 'panBy') map.panBy(options.offset, { duration: options.duration, essential: true });
    else map[method]({ ...options, essential: true });
  });
})();
`;

interface Move {
  /** The leg of the trip it belongs to: the pans are one leg. */
  leg: string;
  method: 'flyTo' | 'easeTo' | 'panBy';
  options: Record<string, unknown> & { duration: number };
  /** A screenshot once idle after this move (1M only). */
  shot?: string;
}

/** One move as the page lived it: the gaps between animation frames while the camera moved, then until idle. */
interface MoveRecord {
  leg: string;
  durationMs: number;
  moving: number[];
  settling: number[];
  /** From the camera stopping to the map idle. */
  toIdleMs: number;
  /** Frames MapLibre drew while the camera moved. */
  rendersMoving: number;
  /** Long animation frames from the move's start to idle, and their blocking time, where supported. */
  loafs: number | null;
  blockingMs: number | null;
}

/** A leg's moves put together. */
interface Leg {
  leg: string;
  moves: number;
  durationMs: number;
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  long: number;
  /** The longest of its moves' times from the camera stopping to idle, and the longest frame meanwhile. */
  toIdleMs: number;
  maxSettlingMs: number;
  rendersMoving: number;
  loafs: number | null;
  blockingMs: number | null;
}

function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** The moves from county zoom to a house and back, the same at every size (the geography does not change). */
async function movesOver(county: ServedCounty): Promise<Move[]> {
  const client = await county.signIn('county');
  const where = await places(client);
  const { at } = await housesCentre(client, where.village.bbox);
  const pans = '4 pans at township zoom (700 × 450 px, 1.5 s each)';
  const pan = (dx: number, dy: number): Move => ({ leg: pans, method: 'panBy', options: { offset: [dx, dy], duration: 1500 } });
  return [
    { leg: `fly county → a house in ${where.village.name} (z17, 5 s)`, method: 'flyTo', options: { center: at, zoom: 17, duration: 5000 }, shot: 'house' },
    { leg: `fly house → ${where.township.name} (z12.5, 3 s)`, method: 'flyTo', options: { center: centreOf(where.township.bbox), zoom: 12.5, duration: 3000 }, shot: 'township' },
    pan(700, 0),
    pan(0, 450),
    pan(-700, 0),
    pan(0, -450),
  ];
}

interface Trip {
  legs: Leg[];
  all: { frames: number; maxMs: number; long: number };
  /** The zoom the county opened at (fitted to the window, beside the panels). */
  openedAt: number;
  drawnMs: number;
  loafSupported: boolean;
}

/** The app on one county's server, driven through the moves and back to where it opened. */
async function tripOn(county: ServedCounty, shots: string | null): Promise<Trip> {
  const moves = await movesOver(county);
  const browser = await pw.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', serviceWorkers: 'block' });
    const login = await context.request.post(`${county.url}/api/auth/login`, { data: { username: 'county', password: DEMO_PASSWORD }, headers: { origin: county.url } });
    if (!login.ok()) throw new Error(`sign-in answered ${login.status()}`);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.addInitScript({ content: RECORDER });
    await page.goto(`${county.url}/`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, DRAWN, { timeout: 180_000 });
    const drawnMs = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, DRAWN);
    await settle(page);
    const view = await page.evaluate(() => ({ center: window.__anju!.map.getCenter().toArray(), zoom: window.__anju!.map.getZoom() }));
    if (shots) await page.screenshot({ path: join(OUTPUT, `${shots}-county.png`) });
    const back: Move = { leg: `fly township → county (z${view.zoom.toFixed(1)}, 3 s)`, method: 'flyTo', options: { center: view.center, zoom: view.zoom, duration: 3000 } };
    const records: MoveRecord[] = [];
    for (const move of [...moves, back]) {
      records.push(await measureMove(page, move));
      if (shots && move.shot) await page.screenshot({ path: join(OUTPUT, `${shots}-${move.shot}.png`) });
    }
    const loafSupported = (await page.evaluate('window.__bench.loafSupported')) as boolean;
    await page.goto('about:blank');
    if (errors.length > 0) throw new Error(`the page logged errors: ${errors.join(' | ')}`);
    const gaps = records.flatMap((r) => [...r.moving, ...r.settling]);
    return {
      legs: [...new Set(records.map((r) => r.leg))].map((leg) => legOf(records.filter((r) => r.leg === leg))),
      all: { frames: gaps.length, maxMs: Math.max(...gaps), long: gaps.filter((g) => g > LONG_FRAME_MS).length },
      openedAt: view.zoom,
      drawnMs,
      loafSupported,
    };
  } finally {
    await browser.close();
  }
}

/** Waits until the map is idle and one more frame is on the canvas. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__anju!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

async function measureMove(page: Page, move: Move): Promise<MoveRecord> {
  const r = (await page.evaluate(`window.__bench.move(${JSON.stringify(move.method)}, ${JSON.stringify(move.options)})`)) as {
    started: number;
    stopped: number;
    idle: number;
    rendersMoving: number;
  };
  const { frames, loafs, loafSupported } = (await page.evaluate('({ frames: window.__bench.frames, loafs: window.__bench.loafs, loafSupported: window.__bench.loafSupported })')) as {
    frames: number[];
    loafs: { start: number; duration: number; blocking: number }[];
    loafSupported: boolean;
  };
  // Each gap between animation frames counts where it ends: from the move's start to the camera
  // stopping, then to idle.
  const gapsIn = (from: number, to: number) => frames.slice(1).map((t, i) => [t, t - frames[i]!] as const).filter(([t]) => t > from && t <= to).map(([, gap]) => gap);
  const inMove = loafs.filter((l) => l.start >= r.started && l.start <= r.idle);
  return {
    leg: move.leg,
    durationMs: move.options.duration,
    moving: gapsIn(r.started, r.stopped),
    settling: gapsIn(r.stopped, r.idle),
    toIdleMs: r.idle - r.stopped,
    rendersMoving: r.rendersMoving,
    loafs: loafSupported ? inMove.length : null,
    blockingMs: loafSupported ? inMove.reduce((s, l) => s + l.blocking, 0) : null,
  };
}

function legOf(records: MoveRecord[]): Leg {
  const moving = records.flatMap((r) => r.moving);
  const settling = records.flatMap((r) => r.settling);
  const sum = (f: (r: MoveRecord) => number) => records.reduce((s, r) => s + f(r), 0);
  return {
    leg: records[0]!.leg,
    moves: records.length,
    durationMs: sum((r) => r.durationMs),
    frames: moving.length,
    medianMs: percentile(moving, 50),
    p95Ms: percentile(moving, 95),
    maxMs: Math.max(...moving),
    long: moving.filter((g) => g > LONG_FRAME_MS).length,
    toIdleMs: Math.max(...records.map((r) => r.toIdleMs)),
    maxSettlingMs: settling.length ? Math.max(...settling) : 0,
    rendersMoving: sum((r) => r.rendersMoving),
    loafs: records[0]!.loafs === null ? null : sum((r) => r.loafs!),
    blockingMs: records[0]!.blockingMs === null ? null : sum((r) => r.blockingMs!),
  };
}

const describe = (l: Leg) =>
  `${l.frames} frames in ${l.durationMs} ms of camera moves (${l.rendersMoving} drawn by the map), median ${l.medianMs.toFixed(1)} ms, p95 ${l.p95Ms.toFixed(1)}, max ${l.maxMs.toFixed(0)}, ${l.long} over ${LONG_FRAME_MS} ms; ` +
  `idle ${l.toIdleMs.toFixed(0)} ms after the camera stopped (longest frame meanwhile ${l.maxSettlingMs.toFixed(0)} ms)` +
  (l.loafs === null ? '' : `; ${l.loafs} long animation frames, blocking ${l.blockingMs!.toFixed(0)} ms`);

/** The trip on the shared 20k server (the baseline), then on the 1M one with screenshots. */
export async function measureFrames(): Promise<{ large: Trip; small: Trip }> {
  mkdirSync(OUTPUT, { recursive: true });
  const small = await tripOn(await served(SMALL), null);
  const large = await tripOn(await served(LARGE), 'frames-1m');
  return { large, small };
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  if (ctx.quick) return [];
  const { large, small } = await measureFrames();
  const rows: BenchResult[] = [];
  for (const [i, l] of large.legs.entries()) {
    const b = small.legs[i]!;
    rows.push(
      { name: `${l.leg}: p95 frame while moving, 1M (vs 20k)`, value: l.p95Ms, unit: 'ms', baseline: b.p95Ms, ratio: l.p95Ms / b.p95Ms, note: `1M: ${describe(l)}. 20k: ${describe(b)}` },
      { name: '… median frame while moving', value: l.medianMs, unit: 'ms', baseline: b.medianMs, ratio: l.medianMs / b.medianMs },
      { name: `… frames over ${LONG_FRAME_MS} ms while moving`, value: l.long, unit: 'count', baseline: b.long, note: `1M: ${l.long} of ${l.frames}; 20k: ${b.long} of ${b.frames}` },
      { name: '… camera stopped → map idle', value: l.toIdleMs, unit: 'ms', baseline: b.toIdleMs, ratio: l.toIdleMs / b.toIdleMs },
    );
  }
  const trip = (t: Trip) => `${t.all.frames} frames, ${t.all.long} over ${LONG_FRAME_MS} ms, longest ${t.all.maxMs.toFixed(0)} ms; opened at z${t.openedAt.toFixed(2)}, drawn at ${t.drawnMs.toFixed(0)} ms`;
  rows.push(
    { name: 'whole trip, moving and settling: longest frame, 1M (vs 20k)', value: large.all.maxMs, unit: 'ms', baseline: small.all.maxMs, ratio: large.all.maxMs / small.all.maxMs, note: `1M: ${trip(large)}. 20k: ${trip(small)}` },
    { name: `… frames over ${LONG_FRAME_MS} ms`, value: large.all.long, unit: 'count', baseline: small.all.long, note: `of ${large.all.frames} (20k: of ${small.all.frames})` },
  );
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { closeFixtures } = await import('./fixtures.ts');
  try {
    const { large, small } = await measureFrames();
    for (const [label, t] of [['20k', small], ['1M', large]] as const) {
      console.log(`${label}: drawn at ${t.drawnMs.toFixed(0)} ms, opened at z${t.openedAt.toFixed(2)}, long-animation-frame ${t.loafSupported ? 'supported' : 'not supported'}`);
      for (const l of t.legs) console.log(`  ${l.leg}: ${describe(l)}`);
    }
  } finally {
    await closeFixtures();
  }
}
