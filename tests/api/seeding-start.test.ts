// `npm start` on a fresh clone listens at once and seeds on a worker thread: meanwhile health says
// 503 with how far along, every other API call 503 `seeding` with Retry-After, the client's files are
// served; then the app on the seeded database takes over.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/db/demo-users.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { until } from './over-http.ts';

let dir: string;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anju-start-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>shell</title>');
  // No database file at all, as on a fresh clone.
  server = await startServer({
    dbPath: join(dir, 'data', 'anju.db'),
    port: 0,
    host: '127.0.0.1',
    clientDist: dist,
    workers: { threads: 1 },
    seedIfEmpty: { households: 600, seed: 5, log: (line) => lines.push(line) },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('starting on a missing database', () => {
  it('answers while it seeds — health 503 with progress, the API 503 seeding, the client as usual — then serves the seeded county', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(Number(health.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const progress = (await health.json()) as { ok: boolean; seeding: { done: number; total: number } };
    expect(progress.ok).toBe(false);
    expect(progress.seeding.total).toBe(600);
    expect(progress.seeding.done).toBeLessThan(600);

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(503);
    expect(Number(login.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('seeding');

    const ogc = await fetch(`${server.url}/ogc/collections`, { headers: { authorization: 'Bearer anju_x' } });
    expect([ogc.status, ((await ogc.json()) as { error: { code: string } }).error.code]).toEqual([503, 'seeding']);

    const page = await fetch(`${server.url}/field`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>shell</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);

    // Then, with no restart, the app on the seeded database.
    await until(async () => (await fetch(`${server.url}/api/health`)).status === 200, 'seeding is done');
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true, households: 600 });
    expect(await server.ready).toEqual({ seeded: true, households: 600 });
    expect(lines.at(-1)).toMatch(/^\[anju\] seeded 600 households in \d+\.\d s$/);

    const signedIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county', password: DEMO_PASSWORD }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const households = await fetch(`${server.url}/api/households?limit=5`, { headers: { cookie } });
    expect(households.status).toBe(200);
    expect(((await households.json()) as { features: unknown[] }).features.length).toBeGreaterThan(0);
    // The OGC API is the app's, not the client's shell: JSON, for a session too.
    const ogcNow = await fetch(`${server.url}/ogc/collections/households/items?limit=1`, { headers: { cookie } });
    expect([ogcNow.status, ogcNow.headers.get('content-type')]).toEqual([200, 'application/geo+json; charset=UTF-8']);
    expect((await fetch(`${server.url}/ogc/no-such-thing`, { headers: { cookie } })).status).toBe(404);
  });
});

describe('starting on a seeded database', () => {
  it('serves it at once, seeding nothing', async () => {
    await server.ready;
    const again = await startServer({ dbPath: join(dir, 'data', 'anju.db'), port: 0, host: '127.0.0.1', clientDist: '/nonexistent', seedIfEmpty: {} });
    try {
      expect(await again.ready).toBeNull();
      expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});
