import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_RULES } from '../../server/auth/rules.ts';
import { ROLES, type Role } from '../../server/auth/roles.ts';
import { seededApp, type DemoUser } from './harness.ts';

let clock = Date.now();
let t: ReturnType<typeof seededApp>;

const ROLE_OF: Record<DemoUser, Role> = {
  county: 'county_admin',
  staff: 'county_staff',
  township: 'township_staff',
  leader: 'township_leader',
  inspector: 'inspector',
  viewer: 'viewer',
};

beforeAll(() => {
  t = seededApp(1500, 11, { now: () => clock });
});
afterAll(() => t.close());

/** Every API route the app registers, as "METHOD /api/path" (middleware excluded). */
function apiRoutes(): string[] {
  const seen = new Set<string>();
  for (const r of t.app.routes) if (r.method !== 'ALL' && r.path.startsWith('/api/')) seen.add(`${r.method} ${r.path}`);
  return [...seen].sort();
}

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and answers /me', async () => {
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'township', password: 'anju2026' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/anju_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = (await res.json()) as any;
    expect(body.user).toMatchObject({ username: 'township', role: 'township_staff' });
    expect(body.user.region.level).toBe('township');
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/i);
    const me = await t.json('/api/auth/me', { as: 'township' });
    expect(me.body.user.username).toBe('township');
  });

  it('refuses a wrong password, then rate-limits the account', async () => {
    const attempt = () =>
      t.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'leader', password: 'wrong-password' }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits out the window.
    await expect(t.login('leader')).rejects.toThrow(/429/);
    clock += 16 * 60_000;
    await expect(t.login('leader')).resolves.toMatchObject({ csrfToken: expect.any(String) });
  });

  it('expires idle sessions, revokes on logout and ignores forged cookies', async () => {
    const s = await t.login('viewer');
    const me = () => t.app.request('/api/auth/me', { headers: { cookie: s.cookie } });
    expect((await me()).status).toBe(200);
    clock += 3 * 3600_000; // past the 2 h idle limit
    expect((await me()).status).toBe(401);
    t.forgetSessions();

    const s2 = await t.login('viewer');
    const out = await t.app.request('/api/auth/logout', { method: 'POST', headers: { cookie: s2.cookie, 'x-csrf-token': s2.csrfToken } });
    expect(out.status).toBe(200);
    expect((await t.app.request('/api/auth/me', { headers: { cookie: s2.cookie } })).status).toBe(401);

    for (const forged of ['anju_session=AAAA', `anju_session=${'x'.repeat(43)}`, 'anju_session=../../etc/passwd', 'anju_session=']) {
      expect((await t.app.request('/api/households', { headers: { cookie: forged } })).status).toBe(401);
    }
  });

  it('refuses a state change without the CSRF token, and a cross-site login', async () => {
    const s = await t.login('county');
    const res = await t.app.request('/api/households/1/unmask', {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'phone follow-up' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('csrf');
    const cross = await t.app.request('http://127.0.0.1/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'county', password: 'anju2026' }),
    });
    expect(cross.status).toBe(403);
  });
});

describe('the role × route matrix', () => {
  it('has a rule for every API route the app registers', () => {
    const missing = apiRoutes().filter((r) => !(r in ROUTE_RULES));
    expect(missing).toEqual([]);
    const stale = Object.keys(ROUTE_RULES).filter((r) => !apiRoutes().includes(r));
    expect(stale).toEqual([]);
  });

  it('answers 401 without a session on every route but login and health', async () => {
    for (const route of apiRoutes()) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await t.request(concrete(path), { method, as: null, body: method === 'GET' ? undefined : {} });
      if (ROUTE_RULES[route] === 'public') expect(res.status, route).not.toBe(401);
      else expect(res.status, route).toBe(401);
    }
  });

  it('lets each role call exactly the routes its rule lists', async () => {
    for (const user of Object.keys(ROLE_OF) as DemoUser[]) {
      for (const route of apiRoutes()) {
        if (route === 'POST /api/auth/logout' || route === 'POST /api/auth/login') continue;
        const [method, path] = route.split(' ') as [string, string];
        const rule = ROUTE_RULES[route]!;
        const res = await t.request(concrete(path), { method, as: user, body: method === 'GET' ? undefined : {} });
        const allowed = rule === 'public' || rule.includes(ROLE_OF[user]);
        if (allowed) expect([401, 403], `${user} ${route} → ${res.status}`).not.toContain(res.status);
        else expect(res.status, `${user} ${route}`).toBe(403);
      }
    }
    expect(ROLES).toHaveLength(6);
  });
});

/** Fills route parameters with real values, in every demo user's jurisdiction where it matters. */
function concrete(path: string): string {
  const inspectorVillageHousehold = (t.db
    .prepare(
      `SELECT h.id FROM households h JOIN users u ON u.username = 'inspector' AND h.village_code = u.region_code LIMIT 1`,
    )
    .get() as { id: number }).id;
  // No user has this id: revoking or editing must not touch the demo accounts mid-test.
  if (path.startsWith('/api/users/')) return path.replace(':id', '999999');
  return path.replace(':layer', 'county').replace(':id', String(inspectorVillageHousehold));
}

describe('jurisdiction', () => {
  it('hides households of other townships from the township account: 404, not listed, not counted', async () => {
    const mine = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code as string;
    const other = t.db.prepare('SELECT id, township_code FROM households WHERE township_code <> ? LIMIT 1').get(mine) as {
      id: number;
      township_code: string;
    };
    expect((await t.json(`/api/households/${other.id}`, { as: 'township' })).status).toBe(404);
    expect((await t.json(`/api/households/${other.id}`, { as: 'county' })).status).toBe(200);

    const list = (await t.json('/api/households', { as: 'township' })).body;
    const inTownship = (t.db.prepare('SELECT count(*) AS n FROM households WHERE township_code = ?').get(mine) as { n: number }).n;
    expect(list.features).toHaveLength(inTownship);
    expect(list.features.map((f: any) => f.id)).not.toContain(other.id);
    expect((await t.json('/api/stats', { as: 'township' })).body.total).toBe(inTownship);
    expect((await t.json(`/api/households?region=${other.township_code}`, { as: 'township' })).status).toBe(404);
    expect((await t.json(`/api/stats?region=${other.township_code}`, { as: 'township' })).status).toBe(404);
    expect((await t.json(`/api/households/${other.id}/unmask`, { method: 'POST', as: 'township', body: { reason: 'check' } })).status).toBe(403);

    const tree = (await t.json('/api/regions', { as: 'township' })).body.county;
    expect(tree.code).toBe(mine);
    const inspectorList = (await t.json('/api/households', { as: 'inspector' })).body.features;
    expect(new Set(inspectorList.map((f: any) => f.properties.regionCode)).size).toBe(1);
  });
});

describe('personal data', () => {
  it('never sends a full ID-card or phone number except from /unmask, which is audited with its reason', async () => {
    const fullId = /\d{17}[\dX]/;
    const fullPhone = /(?<!\d)1[3-9]\d{9}(?!\d)/;
    const id = (t.db.prepare('SELECT id FROM households WHERE phone_masked IS NOT NULL LIMIT 1').get() as { id: number }).id;
    for (const user of ['county', 'staff', 'township', 'viewer'] as DemoUser[]) {
      for (const path of ['/api/households', `/api/households/${id}`, '/api/stats', '/api/regions']) {
        const text = await (await t.get(path, user)).text();
        expect(text, `${user} ${path}`).not.toMatch(fullId);
        expect(text, `${user} ${path}`).not.toMatch(fullPhone);
      }
    }
    const missingReason = await t.json(`/api/households/${id}/unmask`, { method: 'POST', body: {} });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.error.field).toBe('reason');

    const clear = await t.json(`/api/households/${id}/unmask`, { method: 'POST', body: { reason: '核实联系电话' } });
    expect(clear.status).toBe(200);
    expect(clear.body.idCard).toMatch(/^\d{17}[\dX]$/);
    expect(clear.body.phone).toMatch(/^1[3-9]\d{9}$/);
    const detail = (await t.json(`/api/households/${id}`)).body;
    expect(detail.idCard.slice(0, 4)).toBe(clear.body.idCard.slice(0, 4));
    expect(detail.idCard.slice(-4)).toBe(clear.body.idCard.slice(-4));

    const log = (await t.json('/api/audit?action=unmask')).body;
    expect(log.entries[0]).toMatchObject({ action: 'unmask', username: 'county', entity: 'household', entityId: String(id), reason: '核实联系电话' });
    expect((await t.json(`/api/households/${id}/unmask`, { method: 'POST', as: 'viewer', body: { reason: 'curious' } })).status).toBe(403);
  });

  it('stores ID-card and phone numbers so that the database file does not reveal them', () => {
    const row = t.db.prepare('SELECT * FROM households LIMIT 1').get() as Record<string, unknown>;
    const text = JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(Object.keys(row)).not.toContain('id_card');
  });
});

describe('audit log', () => {
  it('is readable by the county administrator only, filterable, and cannot be edited', async () => {
    const log = await t.json('/api/audit?action=login&limit=5');
    expect(log.status).toBe(200);
    expect(log.body.entries.length).toBeGreaterThan(0);
    expect(log.body.entries.every((e: any) => e.action === 'login')).toBe(true);
    expect((await t.json('/api/audit', { as: 'staff' })).status).toBe(403);
    expect((await t.json('/api/audit?limit=9999')).status).toBe(400);
    expect(() => t.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('user management', () => {
  it('creates users bound to a region of the right level, and deactivation ends their sessions', async () => {
    const tree = (await t.json('/api/regions')).body.county;
    const village = tree.children[1].children[0].code;
    const bad = await t.json('/api/users', {
      method: 'POST',
      body: { username: 'li.si', displayName: '李四', role: 'inspector', regionCode: tree.code, password: 'long-enough-pass' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('regionCode');
    const made = await t.json('/api/users', {
      method: 'POST',
      body: { username: 'li.si', displayName: '李四', role: 'inspector', regionCode: village, password: 'long-enough-pass' },
    });
    expect(made.status).toBe(201);
    const dup = await t.json('/api/users', {
      method: 'POST',
      body: { username: 'LI.SI', displayName: '李四', role: 'inspector', regionCode: village, password: 'long-enough-pass' },
    });
    expect(dup.status).toBe(409);

    const s = await t.login('li.si', 'long-enough-pass');
    expect((await t.app.request('/api/auth/me', { headers: { cookie: s.cookie } })).status).toBe(200);
    const off = await t.json(`/api/users/${made.body.user.id}`, { method: 'PATCH', body: { active: false } });
    expect(off.status).toBe(200);
    expect((await t.app.request('/api/auth/me', { headers: { cookie: s.cookie } })).status).toBe(401);
    const audit = (await t.json(`/api/audit?entity=user&entityId=${made.body.user.id}`)).body.entries;
    expect(audit.map((e: any) => e.action)).toEqual(['user.update', 'user.create']);
    expect(audit[0].before.active).toBe(true);
    expect(audit[0].after.active).toBe(false);
  });
});

describe('hardening', () => {
  it('sends a same-origin CSP and refuses oversized bodies', async () => {
    const res = await t.get('/api/health', null);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const big = await t.request('/api/households/1/unmask', {
      method: 'POST',
      body: JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
  });

  it('treats SQL in filters and path tricks as data, never as code', async () => {
    for (const path of [
      "/api/households?q=1'%3B DROP TABLE households%3B--",
      '/api/households?region=610999000000%27%20OR%201%3D1',
      '/api/households/1%20OR%201=1',
      '/api/basemap/..%2F..%2Fetc%2Fpasswd',
      '/api/households/..%2Fusers',
    ]) {
      const res = await t.get(path);
      expect([200, 400, 404], path).toContain(res.status);
      expect(await res.text()).not.toMatch(/SqliteError|at .*\.ts/);
    }
    expect((await t.json('/api/health', { as: null })).body.households).toBe(1500);
  });
});
