// Responsiveness under CPU-heavy requests: how long `GET /api/health` takes while the viewer keeps the
// route solver busy, while the county keeps asking for a county-wide alert's exposure, and while a
// county-wide alert is dispatched — over real HTTP, on the demo county (20,000 households). The baseline is the same server with the pool set to 0 threads, which runs
// every solve and plan inline on the event loop, as the server did before the worker pool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../data/seed-db.ts';
import { loadDataKey } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoInspectors, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { mulberry32 } from '../server/domain/tour-moves.ts';
import { startServer } from '../server/main.ts';
import { defaultThreads, type PoolLimits } from '../server/workers/pool.ts';
import type { BenchResult } from './run.ts';

const HOUSEHOLDS = 20_000;
/** Concurrent solve loops of the viewer: within its per-user bound, more than one thread's worth. */
const SOLVERS = 2;
const SOLVE = { points: 2000, timeLimitMs: 1000 };
const SATURATED_MS = 6000;
/** How long the county asks for a county-wide exposure, one call after another. */
const EXPOSURE_MS = 4000;
const PROBE_EVERY_MS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Client {
  url: string;
  headers: Record<string, string>;
}

async function signIn(url: string, username: string): Promise<Client> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { url, headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}

/** Health latencies, probed one after another until `stop` resolves. */
async function probeHealth(url: string, stop: Promise<unknown>): Promise<number[]> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  const latencies: number[] = [];
  while (!stopped) {
    const t0 = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    latencies.push(performance.now() - t0);
    await sleep(PROBE_EVERY_MS);
  }
  return latencies;
}

/** Health while SOLVERS loops of maximal-size solves run for SATURATED_MS. */
async function saturated(url: string): Promise<{ health: number[]; solved: number; busy: number }> {
  const viewer = await signIn(url, 'viewer');
  const random = mulberry32(9);
  const body = JSON.stringify({
    points: Array.from({ length: SOLVE.points }, () => [108.35 + 0.7 * random(), 32.9 + 0.4 * random()]),
    timeLimitMs: SOLVE.timeLimitMs,
  });
  const until = performance.now() + SATURATED_MS;
  let solved = 0;
  let busy = 0;
  const loop = async () => {
    while (performance.now() < until) {
      const res = await fetch(`${url}/api/routes/solve`, { method: 'POST', headers: viewer.headers, body });
      await res.arrayBuffer();
      if (res.status === 200) solved++;
      else if (res.status === 429) (busy++, await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000));
      else throw new Error(`solve answered ${res.status}`);
    }
  };
  const loops = Promise.all(Array.from({ length: SOLVERS }, loop));
  await sleep(50); // the solves go first
  const health = await probeHealth(url, loops);
  await loops;
  return { health, solved, busy };
}

/** A red rainstorm alert over the county's bounding box, created as the county administrator. */
async function countyWideAlert(url: string, county: Client, level = 'red'): Promise<number> {
  const boundary = (await (await fetch(`${url}/api/basemap/county`, { headers: county.headers })).json()) as {
    features: { geometry: { coordinates: unknown } }[];
  };
  const coords = (boundary.features[0]!.geometry.coordinates as number[][][]).flat(3) as number[];
  const xs = coords.filter((_, i) => i % 2 === 0);
  const ys = coords.filter((_, i) => i % 2 === 1);
  const [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const created = await fetch(`${url}/api/alerts`, {
    method: 'POST',
    headers: county.headers,
    body: JSON.stringify({
      type: 'rainstorm',
      level,
      headline: '暴雨预警（基准测试）',
      effectiveAt: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
    }),
  });
  if (created.status !== 201) throw new Error(`creating the alert answered ${created.status}`);
  return ((await created.json()) as { id: number }).id;
}

/** Health while the county asks for a county-wide alert's exposure, one call after another, for EXPOSURE_MS. */
async function duringExposure(url: string): Promise<{ health: number[]; calls: number[]; exposed: number }> {
  const county = await signIn(url, 'county');
  const id = await countyWideAlert(url, county, 'orange');
  const until = performance.now() + EXPOSURE_MS;
  const calls: number[] = [];
  let exposed = 0;
  const loop = (async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/alerts/${id}/exposure`, { headers: county.headers });
      if (res.status !== 200) throw new Error(`exposure answered ${res.status}`);
      exposed = ((await res.json()) as { total: number }).total;
      calls.push(performance.now() - t0);
    }
  })();
  await sleep(20); // the first call goes first
  const health = await probeHealth(url, loop);
  await loop;
  return { health, calls, exposed };
}

/** Health while the county administrator dispatches a red rainstorm alert over the whole county. */
async function duringDispatch(url: string): Promise<{ health: number[]; dispatchMs: number; stops: number }> {
  const county = await signIn(url, 'county');
  const id = await countyWideAlert(url, county);
  const t0 = performance.now();
  const dispatched = fetch(`${url}/api/alerts/${id}/dispatch`, { method: 'POST', headers: county.headers }).then(async (res) => {
    const body = (await res.json()) as { addedStops: number };
    if (res.status !== 201) throw new Error(`dispatch answered ${res.status}`);
    return { dispatchMs: performance.now() - t0, stops: body.addedStops };
  });
  const health = await probeHealth(url, dispatched);
  return { health, ...(await dispatched) };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anju-bench-'));
  try {
    const dbPath = join(dir, 'anju.db');
    const db = openDatabase(dbPath);
    seedDatabase(db, createPersonalDataCipher(loadDataKey(dbPath)), { households: HOUSEHOLDS, seed: 1 });
    seedDemoUsers(db);
    seedDemoInspectors(db);
    db.close();

    const measure = async (workers: Partial<PoolLimits>) => {
      const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', clientDist: '/nonexistent', workers });
      try {
        return { solving: await saturated(server.url), exposure: await duringExposure(server.url), dispatch: await duringDispatch(server.url) };
      } finally {
        await server.close();
      }
    };
    const inline = await measure({ threads: 0 });
    const pooled = await measure({});

    const threads = defaultThreads();
    const versus = (name: string, unit: string, value: number, baseline: number): BenchResult => ({ name, value, unit, baseline, ratio: value / baseline });
    const load = `${SOLVERS} viewer loops of ${SOLVE.points}-point ${SOLVE.timeLimitMs} ms solves`;
    return [
      versus(`health p50, ${load} (pool of ${threads} vs inline)`, 'ms', percentile(pooled.solving.health, 50), percentile(inline.solving.health, 50)),
      versus(`health p99, ${load}`, 'ms', percentile(pooled.solving.health, 99), percentile(inline.solving.health, 99)),
      versus(`health max, ${load}`, 'ms', Math.max(...pooled.solving.health), Math.max(...inline.solving.health)),
      versus(`health answers in ${SATURATED_MS / 1000} s`, 'count', pooled.solving.health.length, inline.solving.health.length),
      versus(`solves answered in ${SATURATED_MS / 1000} s`, 'count', pooled.solving.solved, inline.solving.solved),
      { name: 'solves turned away busy (429)', value: pooled.solving.busy, unit: 'count', baseline: inline.solving.busy },
      versus(`health p50, county-wide exposure (${pooled.exposure.exposed} households) asked for again and again`, 'ms', percentile(pooled.exposure.health, 50), percentile(inline.exposure.health, 50)),
      versus('health p99, county-wide exposure asked for again and again', 'ms', percentile(pooled.exposure.health, 99), percentile(inline.exposure.health, 99)),
      versus('health max, county-wide exposure asked for again and again', 'ms', Math.max(...pooled.exposure.health), Math.max(...inline.exposure.health)),
      // The bench's client shares the server's thread: inline, a probe's clock only starts once the
      // exposure lets go of the thread, so its latency looks short — the count shows the waiting.
      versus(`health answers in ${EXPOSURE_MS / 1000} s of county-wide exposure`, 'count', pooled.exposure.health.length, inline.exposure.health.length),
      versus('county-wide exposure, answered in (median)', 'ms', percentile(pooled.exposure.calls, 50), percentile(inline.exposure.calls, 50)),
      versus(`health max during a county-wide red dispatch (${pooled.dispatch.stops} stops)`, 'ms', Math.max(...pooled.dispatch.health), Math.max(...inline.dispatch.health)),
      versus('county-wide red dispatch, answered in', 'ms', pooled.dispatch.dispatchMs, inline.dispatch.dispatchMs),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
