// The exposure of an alert's zone runs on the worker pool, reading the database file read-only: the
// server answers other requests meanwhile, the answer is the one the main thread gives, and requests
// for the same zone over the same data share one job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { mulberry32 } from '../../server/domain/tour-moves.ts';
import { seededApp, type DemoUser } from './harness.ts';
import { httpServer, until } from './over-http.ts';

/** The largest solve the API accepts: 2,000 points and 5 s of search — it holds the one thread. */
function maximalSolve(seed: number) {
  const rnd = mulberry32(seed);
  return { points: Array.from({ length: 2000 }, () => [rnd() * 10_000, rnd() * 10_000]), metric: 'euclidean', timeLimitMs: 5000 };
}

const square = ([x0, y0, x1, y1]: number[]) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

// One thread, so a solve started first keeps every exposure waiting in the queue.
const t = seededApp(3000, 41, { workers: { threads: 1 } });
let countyBox: number[];

async function createAlert(box: number[], level = 'red') {
  const res = await t.json('/api/alerts', {
    method: 'POST',
    body: {
      type: 'rainstorm',
      level,
      headline: '暴雨预警（测试）',
      effectiveAt: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      geometry: square(box),
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

async function headersOf(as: DemoUser): Promise<Record<string, string>> {
  const s = await t.sessionOf(as);
  return { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' };
}

/** Starts a 5-second solve as the viewer and waits until it holds the thread; hang up to free it. */
async function holdTheThread(request: (path: string, init: RequestInit) => Response | Promise<Response>) {
  const hangUp = new AbortController();
  const solve = { method: 'POST', headers: await headersOf('viewer'), body: JSON.stringify(maximalSolve(1)), signal: hangUp.signal };
  const solving = Promise.resolve(request('/api/routes/solve', solve)).catch(() => null);
  await until(() => t.pool.stats().inFlight === 1, 'the solve holds the thread');
  return async () => {
    hangUp.abort();
    await solving;
  };
}

beforeAll(async () => {
  seedDemoInspectors(t.db);
  countyBox = await t.countyBox();
});
afterAll(() => t.close());

describe('GET /api/alerts/:id/exposure on the worker pool (over real HTTP)', () => {
  let server: Awaited<ReturnType<typeof httpServer>>;
  beforeAll(async () => (server = await httpServer(t.app)));
  afterAll(() => server.close());

  it('answers GET /api/health while a county-wide exposure waits for the thread, then answers the exposure', async () => {
    const id = await createAlert(countyBox);
    const events: string[] = [];
    const release = await holdTheThread((path, init) => fetch(`${server.url}${path}`, init));
    const exposure = fetch(`${server.url}/api/alerts/${id}/exposure`, { headers: await headersOf('county') }).then(async (res) => {
      events.push(`exposure ${res.status}`);
      return res.json() as Promise<{ total: number }>;
    });
    await until(() => t.pool.stats().inFlight === 2, 'the exposure waits for the thread');

    const health = await fetch(`${server.url}/api/health`);
    events.push(`health ${health.status}`);
    expect(events).toEqual(['health 200']);

    await release();
    expect((await exposure).total).toBeGreaterThan(1000);
    expect(events).toEqual(['health 200', 'exposure 200']);
  });
});

describe('the pooled exposure', () => {
  // The same database on the main thread, as before the pool.
  const inline = createApp({ db: t.db, workers: { threads: 0 } });
  afterAll(() => inline.pool.close());

  async function both(path: string, as: DemoUser) {
    const init = { headers: await headersOf(as) };
    const [pooled, here] = await Promise.all([t.app.request(path, init), inline.app.request(path, init)]);
    expect([pooled.status, here.status]).toEqual([200, 200]);
    return { pooled: await pooled.json(), inline: await here.json() };
  }

  it('gives the answer the main thread gives: county-wide, half the county, a township’s share, a short list', async () => {
    const [x0, y0, x1, y1] = countyBox as [number, number, number, number];
    const county = await createAlert(countyBox);
    const west = await createAlert([x0, y0, (x0 + x1) / 2, y1], 'orange');
    for (const [path, as] of [
      [`/api/alerts/${county}/exposure?limit=1000000`, 'county'],
      [`/api/alerts/${west}/exposure`, 'county'],
      [`/api/alerts/${west}/exposure?limit=1000000`, 'township'],
      [`/api/alerts/${county}/exposure?limit=7`, 'leader'],
    ] as const) {
      const { pooled, inline: here } = await both(path, as);
      expect(pooled).toEqual(here);
      expect(pooled.total).toBeGreaterThan(0);
    }
  });

  it('selects the same houses for dispatch coverage', async () => {
    const id = await createAlert(countyBox, 'yellow');
    const { pooled, inline: here } = await both(`/api/alerts/${id}/coverage`, 'leader');
    expect(pooled).toEqual(here);
    expect(pooled.selected).toBeGreaterThan(0);
  });
});

describe('exposure requests that share a job', () => {
  it('keep waiting for it when one of them hangs up, and a request after a write reads afresh', async () => {
    const id = await createAlert(countyBox);
    // Signed in first: a sign-in is a write, and would give the next request a job of its own.
    await Promise.all((['county', 'staff', 'viewer'] as const).map((u) => t.sessionOf(u)));
    const release = await holdTheThread((path, init) => t.app.request(path, init));
    const exposureOf = async (as: DemoUser, signal?: AbortSignal) =>
      t.app.request(`/api/alerts/${id}/exposure?limit=1000000`, { headers: await headersOf(as), ...(signal ? { signal } : {}) });

    const hangUp = new AbortController();
    const first = exposureOf('county', hangUp.signal);
    await until(() => t.pool.stats().inFlight === 2, 'the first exposure waits for the thread');
    // Three callers of the county's jurisdiction: the same zone, scope and data.
    const second = exposureOf('staff');
    const third = exposureOf('viewer');
    await until(() => t.pool.stats().sharing === 2, 'two more wait for the same job');
    expect(t.pool.stats().inFlight).toBe(2); // nothing more was admitted
    hangUp.abort();
    expect((await first).status).toBe(499);
    expect(t.pool.stats()).toMatchObject({ inFlight: 2, sharing: 1 }); // the job stays for the other two

    // A write: one house in the zone becomes D. The shared job may have read before it (had it started),
    // so the next request does not take its answer: it has a job of its own, and sees the D.
    const house = t.db.prepare(`SELECT id, household_id FROM houses WHERE is_current = 1 AND grade = 'A' ORDER BY id LIMIT 1`).get() as { id: number; household_id: number };
    t.db.prepare(`UPDATE houses SET grade = 'D' WHERE id = ?`).run(house.id);
    const fourth = exposureOf('county');
    await until(() => t.pool.stats().inFlight === 3, 'the request after the write has its own job');

    await release();
    const [before, before2, after] = await Promise.all([second, third, fourth].map(async (r) => (await r).json() as Promise<any>));
    expect(before).toEqual(before2);
    expect(after.total).toBe(before.total);
    expect(after.households.find((h: any) => h.id === house.household_id).grade).toBe('D');
    await until(() => t.pool.stats().inFlight === 0, 'every job is done');
  });
});
