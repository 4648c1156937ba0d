import { area, difference, feature, featureCollection, intersect } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_BEFORE_PASSWORD_CHANGE, ROUTE_RULES } from '../../server/auth/rules.ts';
import { ROLES, type Role } from '../../server/domain/roles.ts';
import { seededApp, type DemoUser, type Session } from './harness.ts';
import { as, COLLEAGUE, patrolScene, uploadPhoto } from './patrol-scene.ts';

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
    // No password or hash (the flag mustChangePassword says nothing of either).
    expect(JSON.stringify(body)).not.toMatch(/scrypt|"password(hash)?"|anju2026/i);
    expect(body.user.mustChangePassword).toBe(false);
    const me = await t.json('/api/auth/me', { as: 'township' });
    expect(me.body.user.username).toBe('township');
  });

  it('answers the page’s session probe with 204 when nobody is signed in, the user when someone is; /me still 401', async () => {
    const nobody = await t.app.request('/api/auth/session');
    expect(nobody.status).toBe(204);
    expect(await nobody.text()).toBe('');
    expect((await t.app.request('/api/auth/me')).status).toBe(401);
    const ended = await t.app.request('/api/auth/session', { headers: { cookie: 'anju_session=AAAA' } });
    expect(ended.status).toBe(204);
    const s = await t.login('township');
    const someone = await t.app.request('/api/auth/session', { headers: { cookie: s.cookie } });
    expect(someone.status).toBe(200);
    expect(await someone.json()).toMatchObject({ user: { username: 'township', role: 'township_staff' }, csrfToken: s.csrfToken });
  });

  it('refuses a wrong password, then slows down that account from that address', async () => {
    const attempt = () =>
      t.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'leader', password: 'wrong-password' }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(1);
    // Even the right password from there waits (other addresses do not: tests/api/login-throttle.test.ts).
    await expect(t.login('leader')).rejects.toThrow(/429/);
    clock += 1000;
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

  it('answers 401 without a session on every route but the public ones (login, health, the session probe, the complaint line)', async () => {
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

  it('lets a user whose password must change reach only me, password and logout, whatever the role', async () => {
    const county = (await t.json('/api/regions')).body.county;
    const regionFor: Record<string, string> = { county: county.code, township: county.children[0].code, village: county.children[0].children[0].code };
    const levelOf: Record<Role, string> = { county_admin: 'county', county_staff: 'county', township_staff: 'township', township_leader: 'township', inspector: 'village', viewer: 'county' };
    for (const role of ROLES) {
      const username = `once-${role.replace('_', '-')}`;
      const made = await t.json('/api/users', {
        method: 'POST',
        body: { username, displayName: username, role, regionCode: regionFor[levelOf[role]], password: 'given-by-admin', oneTime: true },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const s = await t.login(username, 'given-by-admin');
      for (const route of apiRoutes()) {
        if (route === 'POST /api/auth/logout' || route === 'POST /api/auth/login') continue;
        const [method, path] = route.split(' ') as [string, string];
        const rule = ROUTE_RULES[route]!;
        const res = await as(t, s, concrete(path), { method, ...(method === 'GET' ? {} : { body: {} }) });
        if (rule === 'public') continue;
        if (!rule.includes(role)) expect([res.status, res.body.error?.code], `${role} ${route}`).toEqual([403, 'forbidden']);
        else if (OPEN_BEFORE_PASSWORD_CHANGE.has(route)) expect([401, 403], `${role} ${route} → ${res.status}`).not.toContain(res.status);
        else expect([res.status, res.body.error?.code], `${role} ${route}`).toEqual([403, 'password_change_required']);
      }
    }
  });

  it('row level: an inspector reaches only their own tasks; a colleague’s answers 404 on every task route', async () => {
    const scene = await patrolScene(t, 'matrix');
    const inspector = await t.sessionOf('inspector');
    const sha = await uploadPhoto(t, inspector);
    const users = [
      { name: 'inspector', session: inspector, own: scene.mine, other: scene.theirs },
      { name: COLLEAGUE.username, session: scene.colleague, own: scene.theirs, other: scene.mine },
    ];
    const bodyFor = (method: string, path: string) =>
      method === 'PATCH'
        ? { status: 'accepted' }
        : path.endsWith('/result')
          ? { result: 'safe', observedAt: '2026-07-12T09:30:00+08:00', idempotencyKey: `row-level-${Math.random().toString(36).slice(2)}` }
          : method === 'GET' ? undefined : {};
    const taskRoutes = apiRoutes().filter((r) => r.includes('/api/tasks/:id') && (ROUTE_RULES[r] as readonly Role[]).includes('inspector'));
    expect(taskRoutes.length).toBeGreaterThanOrEqual(4);
    for (const u of users) {
      for (const route of taskRoutes) {
        const [method, path] = route.split(' ') as [string, string];
        const at = (task: { id: number; stops: { id: number }[] }) => path.replace(':id', String(task.id)).replace(':stopId', String(task.stops[0]!.id));
        const body = bodyFor(method, path);
        const own = await as(t, u.session, at(u.own), { method, ...(body ? { body } : {}) });
        expect([401, 403, 404], `${u.name} own ${route} → ${own.status}`).not.toContain(own.status);
        const other = await as(t, u.session, at(u.other), { method, ...(body ? { body: bodyFor(method, path) } : {}) });
        expect(other.status, `${u.name} other's ${route} ${JSON.stringify(other.body)}`).toBe(404);
      }
    }
    // Nothing the colleague sent landed on the inspector's task.
    expect(t.db.prepare('SELECT count(*) AS n FROM patrol_stops WHERE task_id = ? AND reported_by = ?').get(scene.mine.id, scene.colleague.id)).toEqual({ n: 0 });
    // The photos of a task follow it: attached to the inspector's stop, the colleague cannot read it.
    expect((await t.json(`/api/tasks/${scene.mine.id}/stops/${scene.mine.stops[1]!.id}/result`, {
      method: 'POST', as: 'inspector', body: { result: 'hazard', hazards: ['roof_leak'], observedAt: '2026-07-12T09:40:00+08:00', photos: [sha], idempotencyKey: 'row-level-photo-1' },
    })).status).toBe(201);
    for (const path of [`/api/photos/${sha}`, `/api/photos/${sha}/thumb`]) {
      expect((await as(t, scene.colleague, path)).status, path).toBe(404);
      expect((await t.get(path, 'inspector')).status, path).toBe(200);
      expect((await t.get(path, 'township')).status, path).toBe(200);
    }
    // And the list holds only one's own.
    const listed = (await as(t, scene.colleague, '/api/tasks')).body.tasks.map((x: any) => x.id);
    expect(listed).toContain(scene.theirs.id);
    expect(listed).not.toContain(scene.mine.id);
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
  // An export of a list every desk role reads (the audit log's own rule is tested in exports.test.ts).
  if (path === '/api/exports/:file') return '/api/exports/tasks.csv';
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

// Row-level rules for alerts (issue 9): an alert belongs to the region of the account that made it.
// Township staff see their own township's alerts and the county's, change only their own, and make
// them only inside their township; county roles see and change every alert.
describe('the role × row matrix for alerts', () => {
  type Actor = DemoUser | 'township2';
  type Ring = number[][];
  type Zone = { type: 'Polygon'; coordinates: Ring[] };
  let other: Session; // township staff of another township (Y)
  let X: { code: string; zone: Zone; village: Zone };
  let Y: { code: string; village: Zone };

  /** A request as a demo account or as township2, whose session the harness does not keep. */
  async function as(who: Actor, path: string, init: { method?: string; body?: unknown; xml?: string } = {}) {
    const body = init.xml ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const contentType = init.xml ? 'application/xml' : 'application/json';
    if (who !== 'township2') {
      return t.json(path, { method: init.method, as: who, ...(body !== undefined ? { body, headers: { 'content-type': contentType } } : {}) });
    }
    const headers: Record<string, string> = { cookie: other.cookie, 'x-csrf-token': other.csrfToken, 'content-type': contentType };
    const res = await t.app.request(path, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: (await res.json()) as any };
  }
  const expires = () => new Date(clock + 24 * 3600_000).toISOString();
  const drawnAlert = (geometry: Zone, headline = '暴雨黄色预警（镇级）') => ({ type: 'rainstorm', level: 'yellow', headline, expiresAt: expires(), geometry });
  const create = async (who: Actor, geometry: Zone) => {
    const res = await as(who, '/api/alerts', { method: 'POST', body: drawnAlert(geometry) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const shifted = (z: Zone, dx: number): Zone => ({ type: 'Polygon', coordinates: z.coordinates.map((r) => r.map(([x, y]) => [x! + dx, y!])) });
  const width = (z: Zone) => Math.max(...z.coordinates[0]!.map((p) => p[0]!)) - Math.min(...z.coordinates[0]!.map((p) => p[0]!));
  const shareInside = (z: object, boundary: object) => {
    const i = intersect(featureCollection([feature(z as any), feature(boundary as any)]) as any);
    return i ? area(i) / area(feature(z as any)) : 0;
  };
  const alertCount = () => (t.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
  const versionCount = () => (t.db.prepare('SELECT count(*) AS n FROM alert_updates').get() as { n: number }).n;
  const ring = (z: Zone) => z.coordinates[0]!.map(([x, y]) => `${y},${x}`).join(' ');
  /** A minimal CAP 1.2 message; Alert and Update carry one info with the zone. */
  const cap = (o: { identifier: string; sender: string; msgType: 'Alert' | 'Update' | 'Cancel'; references?: string; zone?: Zone; level?: string }) => {
    const sent = new Date(clock).toISOString();
    const info =
      o.msgType === 'Cancel'
        ? ''
        : `<info><language>zh-CN</language><category>Met</category><event>暴雨</event><urgency>Immediate</urgency>
           <severity>${o.level ?? 'Moderate'}</severity><certainty>Likely</certainty><expires>${expires()}</expires>
           <headline>暴雨预警</headline><area><areaDesc>镇</areaDesc><polygon>${ring(o.zone!)}</polygon></area></info>`;
    return `<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
      <identifier>${o.identifier}</identifier><sender>${o.sender}</sender><sent>${sent}</sent><status>Actual</status>
      <msgType>${o.msgType}</msgType><scope>Public</scope>${o.references ? `<references>${o.references}</references>` : ''}${info}</alert>`;
  };

  beforeAll(async () => {
    const tree = (await t.json('/api/regions')).body.county;
    const villages = (await t.json('/api/basemap/villages')).body.features as any[];
    const townships = (await t.json('/api/basemap/townships')).body.features as any[];
    const me = (await t.json('/api/auth/me', { as: 'inspector' })).body.user.region.code as string;
    const xNode = tree.children.find((n: any) => n.children.some((v: any) => v.code === me));
    const yNode = tree.children.find((n: any) => n.code !== xNode.code);
    const villageZone = (code: string) => villages.find((f) => f.properties.code === code).geometry as Zone;
    X = { code: xNode.code, zone: townships.find((f) => f.properties.code === xNode.code).geometry, village: villageZone(me) };
    Y = { code: yNode.code, village: villageZone(yNode.children[0].code) };
    const made = await t.json('/api/users', {
      method: 'POST',
      body: { username: 'township2', displayName: '乙镇工作人员', role: 'township_staff', regionCode: Y.code, password: 'long-enough-pass' },
    });
    expect(made.status).toBe(201);
    other = await t.login('township2', 'long-enough-pass');
  });

  it('lets each role read and change exactly the alerts of its jurisdiction', async () => {
    const ids = { county: await create('county', X.village), X: await create('township', X.village), Y: await create('township2', Y.village) };
    expect((await as('county', `/api/alerts/${ids.X}`)).body.properties.ownerRegion).toBe(X.code);
    const countyCode = t.db.prepare("SELECT code FROM regions WHERE level = 'county'").pluck().get();
    expect((await as('county', `/api/alerts/${ids.county}`)).body.properties.ownerRegion).toBe(countyCode);
    // Rows: who; columns: the county's alert, township X's, township Y's. 404: outside the jurisdiction.
    const read: [Actor, number, number, number][] = [
      ['county', 200, 200, 200],
      ['staff', 200, 200, 200],
      ['viewer', 200, 200, 200],
      ['township', 200, 200, 404],
      ['leader', 200, 200, 404],
      ['inspector', 200, 200, 404],
      ['township2', 200, 404, 200],
    ];
    const change: [Actor, number, number, number][] = [
      ['county', 200, 200, 200],
      ['staff', 200, 200, 200],
      ['viewer', 403, 403, 403],
      ['township', 403, 200, 404],
      ['leader', 403, 403, 403],
      ['inspector', 403, 403, 403],
      ['township2', 403, 404, 200],
    ];
    const columns = [ids.county, ids.X, ids.Y] as const;
    for (const [who, ...want] of read) {
      const listed = (await as(who, '/api/alerts')).body.features.map((f: any) => f.id);
      for (const [i, id] of columns.entries()) {
        expect((await as(who, `/api/alerts/${id}`)).status, `${who} GET alert ${i}`).toBe(want[i]);
        expect((await as(who, `/api/alerts/${id}/exposure`)).status, `${who} exposure ${i}`).toBe(want[i]);
        expect(listed.includes(id), `${who} lists alert ${i}`).toBe(want[i] === 200);
      }
    }
    for (const [who, ...want] of change) {
      // Each alert says whether this caller may change it: exactly when PATCH would pass (the client hides the rest).
      const listed = new Map<number, any>((await as(who, '/api/alerts')).body.features.map((f: any) => [f.id, f.properties]));
      for (const [i, id] of columns.entries()) {
        const one = await as(who, `/api/alerts/${id}`);
        if (one.status === 404) continue; // not seen (the read matrix above): nothing to offer
        expect(one.body.properties.mayEdit, `${who} mayEdit alert ${i}`).toBe(want[i] === 200);
        expect(listed.get(id)?.mayEdit, `${who} lists mayEdit of alert ${i}`).toBe(want[i] === 200);
      }
      for (const [i, id] of columns.entries()) {
        const before = versionCount();
        const res = await as(who, `/api/alerts/${id}`, { method: 'PATCH', body: { headline: `改 by ${who}` } });
        expect(res.status, `${who} PATCH alert ${i}`).toBe(want[i]);
        if (want[i] === 200) continue;
        expect(versionCount()).toBe(before);
        if (want[i] === 403 && ['township', 'township2'].includes(who)) expect(res.body.error).toMatchObject({ code: 'not_your_alert', field: 'id' });
        // Cancelling is a change like any other.
        expect((await as(who, `/api/alerts/${id}`, { method: 'PATCH', body: { status: 'cancelled' } })).status).toBe(want[i]);
        expect(versionCount()).toBe(before);
      }
    }
    // The season badge counts the active alerts each one sees.
    for (const who of ['township', 'township2', 'county'] as const) {
      const badge = (await as(who, '/api/seasons')).body.activeAlerts;
      expect(badge, who).toBe((await as(who, '/api/alerts?status=active')).body.total);
    }
    expect((await as('township', '/api/seasons')).body.activeAlerts).toBeLessThan((await as('county', '/api/seasons')).body.activeAlerts);
    expect((await as('township', `/api/alerts/${ids.X}`, { method: 'PATCH', body: { status: 'cancelled' } })).body.properties.status).toBe('cancelled');
    // Dispatching a county warning is still the township's job; another township's alert does not exist for it.
    expect((await as('township', `/api/alerts/${ids.county}/dispatch`, { method: 'POST', body: {} })).status).not.toBe(404);
    expect((await as('township', `/api/alerts/${ids.Y}/dispatch`, { method: 'POST', body: {} })).status).toBe(404);
    expect((await as('township', `/api/alerts/${ids.Y}/coverage`)).status).toBe(404);
  });

  it('clips a township’s zone to its township, and refuses one mostly outside it, drawn or imported', async () => {
    const inside = await as('township', '/api/alerts', { method: 'POST', body: drawnAlert(X.village) });
    expect(inside.status).toBe(201);
    expect(inside.body.geometry).toEqual(X.village);

    const spilling = shifted(X.zone, 0.1 * width(X.zone));
    const share = shareInside(spilling, X.zone);
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.95);
    const clipped = await as('township', '/api/alerts', { method: 'POST', body: drawnAlert(spilling) });
    expect(clipped.status).toBe(201);
    const kept = area(feature(clipped.body.geometry));
    expect(kept / area(feature(spilling as any))).toBeCloseTo(share, 6);
    const outside = difference(featureCollection([feature(clipped.body.geometry), feature(X.zone as any)]) as any);
    expect(outside ? area(outside) / kept : 0).toBeLessThan(1e-6);

    const mostlyOut = shifted(X.zone, 0.5 * width(X.zone));
    expect(shareInside(mostlyOut, X.zone)).toBeGreaterThan(0);
    expect(shareInside(mostlyOut, X.zone)).toBeLessThan(0.5);
    const before = alertCount();
    const refused = await as('township', '/api/alerts', { method: 'POST', body: drawnAlert(mostlyOut) });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'outside_jurisdiction', field: 'geometry' });
    const fc = {
      type: 'FeatureCollection',
      features: [X.village, mostlyOut].map((geometry) => ({ type: 'Feature', geometry, properties: { type: 'flood', level: 'blue', headline: '洪水蓝色预警', expiresAt: expires() } })),
    };
    const geojson = await as('township', '/api/alerts/import', { method: 'POST', body: fc });
    expect(geojson.status).toBe(400);
    expect(geojson.body.error).toMatchObject({ code: 'outside_jurisdiction', field: 'features[1].geometry' });
    const xml = await as('township', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'out-1', sender: 'hd-qxj', msgType: 'Alert', zone: mostlyOut }) });
    expect(xml.status).toBe(400);
    expect(xml.body.error).toMatchObject({ code: 'outside_jurisdiction', field: 'info.area' });
    expect((await as('township2', '/api/alerts', { method: 'POST', body: drawnAlert(X.village) })).status).toBe(400);
    expect(alertCount()).toBe(before);
    // The county may warn anywhere in the county, its zone as drawn.
    const county = await as('county', '/api/alerts', { method: 'POST', body: drawnAlert(mostlyOut) });
    expect(county.status).toBe(201);
    expect(county.body.geometry).toEqual(mostlyOut);
  });

  it('says whether a warning’s zone reaches the caller’s jurisdiction (a county warning over another township does not)', async () => {
    const here = await create('county', X.village);
    const there = await create('county', Y.village);
    const reach = async (who: Actor) =>
      new Map<number, boolean>((await as(who, '/api/alerts')).body.features.map((f: any) => [f.id, f.properties.inJurisdiction]));
    const township = await reach('township');
    expect([township.get(here), township.get(there)]).toEqual([true, false]);
    expect((await as('township', `/api/alerts/${there}`)).body.properties.inJurisdiction).toBe(false);
    const county = await reach('county');
    expect([county.get(here), county.get(there)]).toEqual([true, true]);
    // The inspector's village lies in township X: the warning over its own village reaches it, Y's does not.
    const inspector = await reach('inspector');
    expect([inspector.get(here), inspector.get(there)]).toEqual([true, false]);
  });

  it('applies a CAP Update or Cancel only from the same sender, by someone who may change the alert', async () => {
    const ref = (sender: string, identifier: string) => `${sender},${identifier},${new Date(clock).toISOString()}`;
    const a = await as('county', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'met-1', sender: 'county-met', msgType: 'Alert', zone: X.village }) });
    expect(a.status).toBe(201);
    const countyAlert = a.body.results[0].alertId as number;
    const b = await as('township', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'hd-1', sender: 'hd-office', msgType: 'Alert', zone: X.village }) });
    expect(b.status).toBe(201);
    const townshipAlert = b.body.results[0].alertId as number;
    expect((await as('county', `/api/alerts/${townshipAlert}`)).body.properties.ownerRegion).toBe(X.code);

    const before = versionCount();
    const refusals: [Actor, string, number, string, string][] = [
      // who, the message, status, code, field
      ['township', cap({ identifier: 'c1', sender: 'county-met', msgType: 'Cancel', references: ref('county-met', 'met-1') }), 403, 'not_your_alert', 'references'],
      ['county', cap({ identifier: 'c2', sender: 'someone-else', msgType: 'Cancel', references: ref('county-met', 'met-1') }), 403, 'sender_mismatch', 'sender'],
      ['township2', cap({ identifier: 'c3', sender: 'hd-office', msgType: 'Update', references: ref('hd-office', 'hd-1'), zone: Y.village }), 404, 'alert_not_found', 'references'],
      ['township', cap({ identifier: 'c4', sender: 'not-hd', msgType: 'Update', references: ref('hd-office', 'hd-1'), zone: X.village }), 403, 'sender_mismatch', 'sender'],
    ];
    for (const [who, xml, status, code, field] of refusals) {
      const res = await as(who, '/api/alerts/import', { method: 'POST', xml });
      expect(res.status, `${who} ${code}`).toBe(status);
      expect(res.body.error).toMatchObject({ code, field });
    }
    expect(versionCount()).toBe(before);
    expect((await as('county', `/api/alerts/${countyAlert}`)).body.properties.status).toBe('active');
    // The same message again is a duplicate for whoever sees its alert, and tells nothing about it to anyone else.
    const again = await as('township', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'met-1', sender: 'county-met', msgType: 'Alert', zone: X.village }) });
    expect(again.body.results).toEqual([{ action: 'duplicate', alertId: countyAlert }]);
    const elsewhere = await as('township2', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'hd-1', sender: 'hd-office', msgType: 'Alert', zone: Y.village }) });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error).toMatchObject({ code: 'already_imported', field: 'identifier' });
    expect(Object.keys(elsewhere.body)).toEqual(['error']);

    const up = await as('township', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'hd-2', sender: 'hd-office', msgType: 'Update', references: ref('hd-office', 'hd-1'), zone: X.village, level: 'Severe' }) });
    expect(up.status).toBe(200);
    expect(up.body.results).toEqual([{ action: 'updated', alertId: townshipAlert }]);
    // The county may change any alert, but only as the sender that issued it.
    const cancel = await as('county', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'hd-3', sender: 'hd-office', msgType: 'Cancel', references: ref('hd-office', 'hd-2') }) });
    expect(cancel.status).toBe(200);
    expect(cancel.body.results).toEqual([{ action: 'cancelled', alertId: townshipAlert }]);
    const ok = await as('county', '/api/alerts/import', { method: 'POST', xml: cap({ identifier: 'met-2', sender: 'county-met', msgType: 'Cancel', references: ref('county-met', 'met-1') }) });
    expect(ok.body.results).toEqual([{ action: 'cancelled', alertId: countyAlert }]);
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

// Row-level rules for a house's ledger (issue 11): outside one's jurisdiction a house does not exist
// (404 on every route), and within it the action decides: an inspector only suspects.
describe('the role × row matrix for house ledgers', () => {
  it('answers 404 on every house route to a township account of another township, and lets an inspector only suspect', async () => {
    const mine = (await t.json('/api/auth/me', { as: 'inspector' })).body.user.region.code as string;
    const house = (t.db
      .prepare(`SELECT o.id FROM houses o JOIN households h ON h.id = o.household_id WHERE h.village_code = ? AND o.is_current = 1 AND o.status = 'monitoring' LIMIT 1`)
      .get(mine) as { id: number }).id;
    const township = t.db.prepare('SELECT parent_code FROM regions WHERE code = ?').pluck().get(mine) as string;
    const elsewhere = t.db.prepare("SELECT code FROM regions WHERE level = 'township' AND code <> ? LIMIT 1").pluck().get(township) as string;
    const made = await t.json('/api/users', {
      method: 'POST',
      body: { username: 'township-y', displayName: '丙镇工作人员', role: 'township_staff', regionCode: elsewhere, password: 'long-enough-pass' },
    });
    expect(made.status).toBe(201);
    const other = await t.login('township-y', 'long-enough-pass');
    const houseRoutes = apiRoutes().filter((r) => r.includes('/api/houses/:id'));
    expect(houseRoutes.length).toBeGreaterThanOrEqual(10);
    const bodies: Record<string, unknown> = {
      transitions: { action: 'suspect', date: '2026-01-05' },
      appraisals: { kind: 'formal', date: '2026-01-05', grade: 'C', appraiserId: 1 },
      plan: { mode: 'rebuild', responsible: {} },
      photos: { sha256: 'a'.repeat(64), stage: 'before' },
      relocations: { place: '亲戚家', placeKind: 'relatives', movedOn: '2026-01-05', people: 1 },
      return: { returnedOn: '2026-01-06' },
      'idle-checks': { checkedOn: '2026-01-05', stillEmpty: true, signPresent: true },
      ':id': { storeys: 2 },
    };
    const before = t.db.prepare('SELECT status, case_id, storeys FROM houses WHERE id = ?').get(house);
    for (const route of houseRoutes) {
      const [method, path] = route.split(' ') as [string, string];
      const body = method === 'GET' ? undefined : bodies[path.split('/').at(-1)!];
      const res = await as(t, other, path.replace(':id', String(house)).replace(':rid', '1'), { method, ...(body ? { body } : {}) });
      expect(res.status, `township-y ${route} ${JSON.stringify(res.body)}`).toBe(404);
    }
    expect(t.db.prepare('SELECT status, case_id, storeys FROM houses WHERE id = ?').get(house)).toEqual(before);

    for (const action of ['start_works', 'accept', 'close_out', 'guarantee']) {
      const res = await t.json(`/api/houses/${house}/transitions`, { method: 'POST', as: 'inspector', body: { action, date: '2026-01-05' } });
      expect([res.status, res.body.error.field], action).toEqual([403, 'action']);
    }
    expect(t.db.prepare('SELECT status, case_id, storeys FROM houses WHERE id = ?').get(house)).toEqual(before);
    const suspect = await t.json(`/api/houses/${house}/transitions`, { method: 'POST', as: 'inspector', body: { action: 'suspect', date: '2026-01-05' } });
    expect(suspect.status, JSON.stringify(suspect.body)).toBe(200);
    expect(suspect.body.ledger).toMatchObject({ state: 'suspected', actions: [] });
  });
});
