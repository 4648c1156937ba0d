import { bbox } from '@turf/turf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppOptions } from '../../server/app.ts';
import { loadDataKey } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../server/db/demo-users.ts';
import { facetDrift } from '../../server/db/household-facets.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { villageFloorDrift } from '../../server/db/village-floors.ts';
import { seedDatabase } from '../../data/seed-db.ts';

export type DemoUser = 'county' | 'staff' | 'township' | 'leader' | 'inspector' | 'viewer';

export interface Session {
  cookie: string;
  csrfToken: string;
}

/**
 * A real app on a real, freshly seeded SQLite file in a temp folder (hono's own testing style),
 * with helpers that sign in as the demo accounts and send their cookie and CSRF token.
 */
export function seededApp(households = 2000, seed = 3, options: Omit<AppOptions, 'db' | 'dbPath'> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'anju-api-'));
  const dbPath = join(dir, 'anju.db');
  const db = openDatabase(dbPath);
  const dataKey = loadDataKey(dbPath);
  seedDatabase(db, createPersonalDataCipher(dataKey), { households, seed });
  seedDemoUsers(db);
  const { app, pool, imports } = createApp({ db, dataKey, ...options });
  // Promises, so that requests fired together as a user not yet signed in share one sign-in: a burst
  // of sign-ins from one address would be throttled (server/auth/rate-limit.ts).
  const sessions = new Map<DemoUser, Promise<Session>>();

  async function login(username: string, password = DEMO_PASSWORD): Promise<Session> {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }

  function sessionOf(user: DemoUser): Promise<Session> {
    let s = sessions.get(user);
    if (!s) {
      s = login(user);
      sessions.set(user, s);
      s.catch(() => sessions.delete(user));
    }
    return s;
  }

  /** A request as `user` (default the county administrator); JSON bodies are sent as JSON. */
  async function request(
    path: string,
    init: { method?: string; body?: unknown; as?: DemoUser | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    const as = init.as === undefined ? 'county' : init.as;
    if (as) {
      const s = await sessionOf(as);
      headers.cookie = s.cookie;
      headers['x-csrf-token'] = s.csrfToken;
    }
    let body: BodyInit | undefined;
    if (init.body !== undefined) {
      if (typeof init.body === 'string') body = init.body;
      else {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    return app.request(path, {
      method: init.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  }

  return {
    app,
    pool,
    /** The import batches' checks and commits (server/imports/runner.ts): `imports.idle()` waits for them. */
    imports,
    db,
    dbPath,
    login,
    sessionOf,
    /** Sign in afresh on next use (after a test moves the clock past the idle limit). */
    forgetSessions: () => sessions.clear(),
    request,
    get: (path: string, as?: DemoUser | null) => request(path, { as }),
    json: async <T = any>(path: string, init: Parameters<typeof request>[1] = {}): Promise<{ status: number; body: T }> => {
      const res = await request(path, init);
      return { status: res.status, body: (await res.json()) as T };
    },
    /** The county's bounding box [west, south, east, north], from the basemap as the client reads it. */
    countyBox: async (): Promise<[number, number, number, number]> => {
      const county = (await request('/api/basemap/county').then((r) => r.json())).features[0];
      return bbox(county) as [number, number, number, number];
    },
    /** Stops the app's worker threads (so the test process can exit), then drops the database. */
    close: async () => {
      await imports.idle();
      // Whatever a test file wrote, the maintained facet counts (migration 019) still equal houses and households.
      const drift = facetDrift(db);
      // … and the kept village floors (migration 022) equal the lowest current house of each village.
      const floors = villageFloorDrift(db);
      await pool.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
      if (drift.length > 0) throw new Error(`household_facets no longer equals houses and households: ${JSON.stringify(drift.slice(0, 3))}`);
      if (floors.length > 0) throw new Error(`village_floors no longer equals the lowest current houses: ${JSON.stringify(floors.slice(0, 3))}`);
    },
  };
}
