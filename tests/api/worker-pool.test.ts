// The server stays responsive while it solves routes: solving runs on a bounded worker pool, a full
// pool answers 429 busy with Retry-After, and a request whose client hangs up stops its solve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../server/domain/tour-moves.ts';
import { seededApp, type DemoUser } from './harness.ts';
import { httpServer, until } from './over-http.ts';

/** The largest solve the API accepts: 2,000 points and 5 s of search. */
function maximalSolve(seed: number) {
  const rnd = mulberry32(seed);
  const points = Array.from({ length: 2000 }, () => [rnd() * 10_000, rnd() * 10_000]);
  return { points, metric: 'euclidean', timeLimitMs: 5000 };
}

describe('GET /api/health while the viewer saturates the route solver (over real HTTP)', () => {
  // One thread, room for all six: every solve is accepted and they queue behind each other for ~30 s.
  const t = seededApp(300, 7, { workers: { threads: 1, maxQueue: 8, maxPerUser: 6 } });
  let server: Awaited<ReturnType<typeof httpServer>>;
  beforeAll(async () => (server = await httpServer(t.app)));
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('answers before any of six maximal solves has finished, and hanging up stops them', async () => {
    const viewer = await t.sessionOf('viewer');
    const headers = { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken, 'content-type': 'application/json' };
    const events: string[] = [];
    const hangUps = Array.from({ length: 6 }, () => new AbortController());
    const solves = hangUps.map((ac, i) =>
      fetch(`${server.url}/api/routes/solve`, { method: 'POST', headers, body: JSON.stringify(maximalSolve(i + 1)), signal: ac.signal }).then(
        (res) => events.push(`solve ${i} ${res.status}`),
        () => events.push(`solve ${i} hung up`),
      ),
    );
    await until(() => t.pool.stats().inFlight === 6, 'all six solves are admitted');

    const health = await fetch(`${server.url}/api/health`);
    events.push(`health ${health.status}`);
    expect(await health.json()).toEqual({ ok: true, households: 300 });
    expect(events).toEqual(['health 200']);

    hangUps.forEach((ac) => ac.abort());
    await Promise.all(solves);
    await until(() => t.pool.stats().inFlight === 0, 'the pool lets go of the abandoned solves');
    expect(events.slice(1).every((e) => e.endsWith('hung up'))).toBe(true);
  });
});

describe('bounds of the solver queue', () => {
  // One running and one waiting in all; one per user.
  const t = seededApp(300, 8, { workers: { threads: 1, maxQueue: 1, maxPerUser: 1 } });
  afterAll(() => t.close());

  const solve = (as: DemoUser, body: unknown, signal?: AbortSignal) =>
    t.request('/api/routes/solve', { method: 'POST', as, body, ...(signal ? { signal } : {}) });

  it('answers 429 busy with Retry-After to a user with a solve in progress, and when the queue is full', async () => {
    await Promise.all((['viewer', 'leader', 'county'] as const).map((u) => t.sessionOf(u)));
    const running = new AbortController();
    const waiting = new AbortController();
    const first = solve('viewer', maximalSolve(1), running.signal);
    await until(() => t.pool.stats().inFlight === 1, "the viewer's solve is admitted");

    const again = await solve('viewer', { points: [[0, 0], [1, 1]], metric: 'euclidean' });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const mine = (await again.json()) as { error: { code: string; message: string } };
    expect(mine.error.code).toBe('busy');
    expect(mine.error.message).toMatch(/you already have 1/);

    const second = solve('leader', maximalSolve(2), waiting.signal);
    await until(() => t.pool.stats().inFlight === 2, "the leader's solve waits in the queue");
    const full = await solve('county', { points: [[0, 0], [1, 1]], metric: 'euclidean' });
    expect(full.status).toBe(429);
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const all = (await full.json()) as { error: { code: string; message: string } };
    expect(all.error.code).toBe('busy');
    expect(all.error.message).toMatch(/server is busy/);

    // Hanging up frees the places: the waiting one leaves the queue, the running one's thread stops.
    waiting.abort();
    running.abort();
    expect((await second).status).toBe(499);
    expect((await first).status).toBe(499);
    await until(() => t.pool.stats().inFlight === 0, 'both places are free');
    const afterwards = await solve('viewer', { points: [[0, 0], [3, 4]], metric: 'euclidean', closed: false });
    expect(afterwards.status).toBe(200);
    expect(((await afterwards.json()) as { length: number }).length).toBe(5);
  });
});

describe('a client that hangs up (over real HTTP)', () => {
  const t = seededApp(300, 9, { workers: { threads: 1, maxQueue: 0, maxPerUser: 1 } });
  let server: Awaited<ReturnType<typeof httpServer>>;
  beforeAll(async () => (server = await httpServer(t.app)));
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('stops its running solve: the thread is ended, not left to search for 5 s, and its place is free', async () => {
    const viewer = await t.sessionOf('viewer');
    const headers = { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken, 'content-type': 'application/json' };
    // A tiny solve first, so a thread is up and idle: the big one then goes straight to it.
    const warmUp = await fetch(`${server.url}/api/routes/solve`, { method: 'POST', headers, body: JSON.stringify({ points: [[0, 0]] }) });
    expect(warmUp.status).toBe(200);
    expect(t.pool.stats().threads).toBe(1);
    const hangUp = new AbortController();
    const solving = fetch(`${server.url}/api/routes/solve`, { method: 'POST', headers, body: JSON.stringify(maximalSolve(3)), signal: hangUp.signal });
    await until(() => t.pool.stats().inFlight === 1, 'the thread has taken the solve');

    hangUp.abort();
    await expect(solving).rejects.toThrow();
    await until(() => t.pool.stats().inFlight === 0, 'the solve is let go');
    // An idle thread lives on for fifteen minutes; this one is gone because it was stopped mid-search.
    expect(t.pool.stats().threads).toBe(0);

    const next = await fetch(`${server.url}/api/routes/solve`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ points: [[0, 0], [3, 4]], metric: 'euclidean', closed: false }),
    });
    expect(next.status).toBe(200);
  });
});

describe('a solve waiting behind one whose client hangs up', () => {
  const t = seededApp(300, 10, { workers: { threads: 1, maxQueue: 1, maxPerUser: 1 } });
  afterAll(() => t.close());

  const solve = (as: DemoUser, body: unknown, signal?: AbortSignal) =>
    t.request('/api/routes/solve', { method: 'POST', as, body, ...(signal ? { signal } : {}) });

  it('runs on a fresh thread at once, not when the next caller comes', async () => {
    await Promise.all((['viewer', 'leader'] as const).map((u) => t.sessionOf(u)));
    // A thread up and idle, so the big solve runs on it: hanging up then stops that thread.
    expect((await solve('viewer', { points: [[0, 0]] })).status).toBe(200);
    const hangUp = new AbortController();
    const running = solve('viewer', maximalSolve(4), hangUp.signal);
    await until(() => t.pool.stats().inFlight === 1, "the viewer's solve runs");
    const waiting = solve('leader', { points: [[0, 0], [3, 4]], metric: 'euclidean', closed: false });
    await until(() => t.pool.stats().inFlight === 2, "the leader's solve waits");

    hangUp.abort();
    expect((await running).status).toBe(499);
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { length: number }).length).toBe(5);
  });
});
