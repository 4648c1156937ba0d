// Hostile input on every route of ROUTE_RULES, signed in as a role that may call it (with the CSRF
// header): wrong types, huge numbers, NaN and Infinity, negative ids, 10,000-level JSON, huge strings,
// invalid UTF-8, SQL- and path-looking strings, broken multipart, empty bodies, wrong content types,
// duplicate keys, repeated query parameters. Every answer is a 4xx with the `{ error: { code, message } }`
// shape — never a 500, never a hang — and no row of any table changes (nor a file in the photo and
// import folders). A read may answer 2xx (it ignores an unknown parameter, or searches for the SQL as
// text); a write never does. Deterministic: the cases are fixed, the one random choice is seeded.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_RULES } from '../../server/auth/rules.ts';
import type { Role } from '../../server/domain/roles.ts';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { seededApp, type DemoUser, type Session } from './harness.ts';
import { BODIES, DEEP, deepObject, FIELD_VALUES, json, PATH_VALUES, PER_ROUTE, plausible, QUERIES, QUERY_VALUES, sample, seeded, type Body } from './fuzz-inputs.ts';

// A fixed clock (China time 2026-07-12 10:00), so sessions are not touched between cases.
const clock = Date.parse('2026-07-12T10:00:00+08:00');
let t: ReturnType<typeof seededApp>;

/** The demo account that calls a route: the broadest role its rule allows. */
const ACCOUNT_FOR: [Role, DemoUser][] = [
  ['county_admin', 'county'],
  ['county_staff', 'staff'],
  ['township_staff', 'township'],
  ['inspector', 'inspector'],
  ['township_leader', 'leader'],
  ['viewer', 'viewer'],
];
/** Routes left out: signing out ends the session every later case needs. */
const SKIPPED = new Set(['POST /api/auth/logout']);
/**
 * Actions that take no body: their only input is the path, which the path-parameter cases cover; a
 * body sent along is ignored and the action done, as it should be.
 */
const BODYLESS = new Set([
  'DELETE /api/auth/tokens/:id',
  'POST /api/users/:id/revoke-sessions',
  'POST /api/alerts/:id/dispatch',
  'POST /api/alerts/:id/dispatch/preview',
  'POST /api/tasks/:id/reorder',
]);
/** Bookkeeping a refused request may still write: throttles of sign-ins and of the public line. */
const BOOKKEEPING = new Set(['sessions', 'login_failures', 'public_hits']);
/** A read that answers may audit itself (an export is audited before its first byte). */
const AUDITED_READS = new Set(['audit_log']);

/** Path parameters of a tile address ({z}/{x}/{y}.mvt): 0 is a real column or row (and zoom). */
const TILE_COORDINATES = new Set(['z', 'x']);

/** Real values for each path parameter, by route prefix: the hostile value replaces one of them at a time. */
let realParams: (path: string) => Record<string, string>;

// ---------------------------------------------------------------------------------------------
// What "no row changed" means: a content hash of every table, recomputed only when SQLite says a
// statement changed something (total_changes()), so 2,000 cases stay cheap.

function tableHashes(): Map<string, string> {
  const tables = (t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const out = new Map<string, string>();
  for (const name of tables) {
    const h = createHash('sha256');
    for (const row of t.db.prepare(`SELECT * FROM "${name}"`).raw().iterate() as Iterable<unknown[]>) {
      for (const v of row) h.update(v instanceof Buffer ? v : `${typeof v}:${String(v)}`).update('\u0001');
      h.update('\u0002');
    }
    out.set(name, h.digest('hex'));
  }
  return out;
}
const totalChanges = () => (t.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const files = () => [...listing(join(t.db.name, '..', 'photos')), ...listing(join(t.db.name, '..', 'imports'))];
function listing(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String).sort();
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------

interface Case {
  route: string;
  what: string;
  method: string;
  path: string;
  as: DemoUser | null;
  body?: Body;
  /**
   * A read may answer 2xx; a write must refuse — unless the case's one field holds a value that may well
   * be valid there (an SQL-looking reason is still a reason; an empty description may be cleared), which
   * a write may take and store.
   */
  mayAnswer: boolean | 'if-valid';
}

const failures: string[] = [];
let hashes: Map<string, string>;
let changes: number;
let sessions: Map<DemoUser, Session>;

beforeAll(async () => {
  t = seededApp(300, 14, { now: () => clock });
  seedDemoInspectors(t.db);
  sessions = new Map(await Promise.all(ACCOUNT_FOR.map(async ([, u]) => [u, await t.sessionOf(u)] as const)));

  // Something real behind each kind of id, so a hostile value in one place meets real rows in the others.
  const one = <T>(sql: string, ...args: unknown[]) => t.db.prepare(sql).get(...args) as T;
  const inspector = (await t.json('/api/auth/me', { as: 'inspector' })).body.user as { id: number; region: { code: string } };
  const villageHouseholds = (t.db.prepare('SELECT id FROM households WHERE village_code = ? ORDER BY id LIMIT 3').all(inspector.region.code) as { id: number }[]).map((r) => r.id);
  const dispatched = await t.json('/api/dispatch/manual', { method: 'POST', as: 'township', body: { householdIds: villageHouseholds, dueHours: 6, idempotencyKey: 'fuzz-task-1' } });
  expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(201);
  const taskId = dispatched.body.tasks[0].id as number;
  const stopId = one<{ id: number }>('SELECT id FROM patrol_stops WHERE task_id = ? ORDER BY seq LIMIT 1', taskId).id;
  const alert = await t.json('/api/alerts', {
    method: 'POST',
    body: { type: 'rainstorm', level: 'yellow', headline: '模糊测试暴雨预警', expiresAt: '2026-07-13T08:00:00+08:00', geometry: { type: 'Polygon', coordinates: [[[108.64, 33.06], [108.8, 33.06], [108.8, 33.2], [108.64, 33.06]]] } },
  });
  expect(alert.status, JSON.stringify(alert.body)).toBe(201);
  const county = await t.json('/api/regions');
  const user = await t.json('/api/users', {
    method: 'POST',
    body: { username: 'fuzz-target', displayName: '模糊', role: 'viewer', regionCode: county.body.county.code, password: 'fuzz-target-pass-1' },
  });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  const token = await t.json('/api/auth/tokens', { method: 'POST', body: { name: 'fuzz' } });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#888' } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'wall.jpg');
  const s = sessions.get('county')!;
  const photo = await t.app.request('/api/photos', { method: 'POST', body: form, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });
  expect(photo.status).toBe(201);
  const sha = ((await photo.json()) as { photo: { sha256: string } }).photo.sha256;
  const household = one<{ id: number; houseId: number }>('SELECT h.id, o.id AS houseId FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1 ORDER BY h.id LIMIT 1');

  realParams = (path) => {
    const id = path.startsWith('/api/households/')
      ? household.id
      : path.startsWith('/api/houses/')
        ? household.houseId
        : path.startsWith('/api/alerts/')
          ? alert.body.id
          : path.startsWith('/api/tasks/')
            ? taskId
            : path.startsWith('/api/users/')
              ? user.body.user.id
              : path.startsWith('/api/auth/tokens/')
                ? token.body.id
                : 1;
    return { id: String(id), stopId: String(stopId), rid: '1', sha, layer: 'county', file: 'tasks.csv', receiptNo: 'TS20260712000001', z: '12', x: '3333', y: '1650.mvt' };
  };
  // The dispatch rules are filled with their defaults on first reading (db/dispatch-rules.ts): before the count starts.
  expect((await t.json('/api/dispatch-rules')).status).toBe(200);
  hashes = tableHashes();
  changes = totalChanges();
});
afterAll(() => t.close());

function routes(): { route: string; method: string; path: string; as: DemoUser | null }[] {
  return Object.entries(ROUTE_RULES)
    .filter(([route]) => !SKIPPED.has(route))
    .map(([route, rule]) => {
      const [method, path] = route.split(' ') as [string, string];
      const as = rule === 'public' ? null : ACCOUNT_FOR.find(([role]) => rule.includes(role))![1];
      return { route, method, path, as };
    });
}

const fill = (path: string, values: Record<string, string>) => path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? '1');

/** Sends one case and records what is wrong with its answer (nothing, if all is well). */
async function send(c: Case): Promise<void> {
  const headers: Record<string, string> = {};
  if (c.as) {
    const s = sessions.get(c.as)!;
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrfToken;
  }
  if (c.body?.contentType) headers['content-type'] = c.body.contentType;
  const label = `${c.route} [${c.what}] as ${c.as ?? 'nobody'}`;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), 20_000)));
  const answer = (async () => {
    const res = await t.app.request(
      `http://127.0.0.1${c.path}`,
      { method: c.method, headers, ...(c.body !== undefined && c.method !== 'GET' ? { body: c.body.body } : {}) },
      { incoming: { socket: { remoteAddress: '198.51.100.7', remotePort: 40000, remoteFamily: 'IPv4' } } },
    );
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: Buffer.from(await res.arrayBuffer()).toString('utf8') };
  })();
  const got = await Promise.race([answer, hang]);
  clearTimeout(timer);
  if (got === 'hang') {
    failures.push(`${label}: no answer in 20 s`);
    return;
  }
  const pdfOff = got.status === 503 && /\.pdf$/.test(c.route) && got.text.includes('pdf_disabled');
  if (got.status >= 500 && !pdfOff) failures.push(`${label}: ${got.status} ${got.text.slice(0, 200)}`);
  else if (got.status < 400 && !c.mayAnswer) failures.push(`${label}: accepted (${got.status}) ${got.text.slice(0, 200)}`);
  else if (got.status >= 400) {
    let body: any = null;
    try {
      body = JSON.parse(got.text);
    } catch {
      // checked below
    }
    const shaped =
      /json/.test(got.type) &&
      typeof body?.error?.code === 'string' &&
      typeof body.error.message === 'string' &&
      (body.error.field === undefined || typeof body.error.field === 'string');
    if (!shaped) failures.push(`${label}: ${got.status} without the error shape: ${got.text.slice(0, 200)}`);
    if (/at .*\.ts:\d+|node_modules/.test(got.text)) failures.push(`${label}: a stack trace in the answer`);
  }

  // No row changed (bookkeeping aside; a read that answered may have audited itself).
  const now = totalChanges();
  if (now !== changes) {
    changes = now;
    const after = tableHashes();
    const changed = [...after].filter(([name, h]) => hashes.get(name) !== h).map(([name]) => name);
    const allowed = (name: string) =>
      BOOKKEEPING.has(name) || (got.status < 400 && (c.mayAnswer === 'if-valid' || (c.mayAnswer && AUDITED_READS.has(name))));
    const wrong = changed.filter((name) => !allowed(name));
    if (wrong.length > 0) failures.push(`${label}: changed ${wrong.join(', ')} (${got.status})`);
    hashes = after;
  }
}

async function run(cases: Case[]): Promise<string[]> {
  failures.length = 0;
  const before = files();
  for (const c of cases) await send(c);
  const after = files();
  if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`files changed: ${after.filter((f) => !before.includes(f)).join(', ')}`);
  return [...failures];
}

describe('hostile input on every route', () => {
  it('refuses every hostile path parameter with a 4xx and the error shape, changing nothing', async () => {
    const cases: Case[] = [];
    for (const r of routes()) {
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const name of names) {
        for (const value of PATH_VALUES) {
          const path = fill(r.path, { ...realParams(r.path), [name]: value });
          // A tile's column and row start at 0: there 0 is an address, answered (an empty tile is 204), not refused.
          const real = value === '0' && TILE_COORDINATES.has(name) && r.path.startsWith('/api/tiles/');
          cases.push({ route: r.route, what: `${name}=${value.slice(0, 40)}`, method: r.method, path, as: r.as, mayAnswer: real, body: r.method === 'GET' ? undefined : json('{}', '{}') });
        }
      }
    }
    expect(cases.length).toBeGreaterThan(400);
    expect(await run(cases)).toEqual([]);
  });

  it('answers hostile query strings on every read with a 2xx or a 4xx with the error shape, never a 500', async () => {
    const random = seeded(1414);
    const cases: Case[] = [];
    for (const r of routes().filter((x) => x.method === 'GET')) {
      const base = fill(r.path, realParams(r.path));
      for (const q of QUERIES) cases.push({ route: r.route, what: `?${q.slice(0, 40)}`, method: 'GET', path: `${base}?${q}`, as: r.as, mayAnswer: true });
      for (const [name, value] of sample(random, QUERY_VALUES, PER_ROUTE)) {
        cases.push({ route: r.route, what: `?${name}=${value.slice(0, 40)}`, method: 'GET', path: `${base}?${name}=${value}`, as: r.as, mayAnswer: true });
      }
    }
    expect(await run(cases)).toEqual([]);
  });

  it('refuses every hostile body on every write with a 4xx and the error shape, changing nothing', async () => {
    const random = seeded(14);
    const cases: Case[] = [];
    for (const r of routes().filter((x) => x.method !== 'GET' && !BODYLESS.has(x.route))) {
      const path = fill(r.path, realParams(r.path));
      for (const body of BODIES) cases.push({ route: r.route, what: body.what, method: r.method, path, as: r.as, body, mayAnswer: false });
      for (const [name, value] of sample(random, FIELD_VALUES, PER_ROUTE)) {
        const text = JSON.stringify({ [name]: value }) ?? '{}';
        cases.push({
          route: r.route,
          what: `${name}: ${text.slice(name.length + 4, name.length + 44)}`,
          method: r.method,
          path,
          as: r.as,
          body: json(name, text),
          mayAnswer: plausible(value) ? 'if-valid' : false,
        });
      }
      // And one query parameter repeated with a hostile value, on a body that is otherwise one of the above.
      const body = BODIES[Math.floor(random() * BODIES.length)]!;
      cases.push({ route: r.route, what: `${body.what} + repeated query`, method: r.method, path: `${path}?id=1&id=%FF&dryRun=1&dryRun=0`, as: r.as, body, mayAnswer: false });
    }
    expect(await run(cases)).toEqual([]);
  });
});

// What the fuzzer found, each pinned by the request that gave the 500 or the shapeless error.
describe('the fuzzer’s finds, fixed', () => {
  const send1 = async (method: string, path: string, body: string | undefined, as: DemoUser = 'county') => {
    const s = sessions.get(as)!;
    const res = await t.app.request(path, {
      method,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('refuses a dashboard range of non-days naming the field, not a 500 from counting days between them', async () => {
    const res = await send1('GET', '/api/dashboard?from=1e308&to=NaN', undefined);
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, 'invalid_input', 'from']);
  });

  it('refuses a house edit carrying "__proto__" or "constructor" with the error shape (code and message)', async () => {
    const house = (t.db.prepare('SELECT id FROM houses WHERE is_current = 1 ORDER BY id LIMIT 1').get() as { id: number }).id;
    for (const body of ['{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}']) {
      const res = await send1('PATCH', `/api/houses/${house}`, body);
      expect(res.status, body).toBe(400);
      expect(res.body.error, body).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/\S/) });
    }
  });

  it('refuses a transition whose detail nests 10,000 levels deep (400 naming it), storing nothing', async () => {
    const house = (t.db.prepare("SELECT id FROM houses WHERE is_current = 1 AND status = 'monitoring' ORDER BY id DESC LIMIT 1").get() as { id: number }).id;
    const before = tableHashes();
    const res = await send1('POST', `/api/houses/${house}/transitions`, `{"action":"suspect","date":"2026-07-11","detail":${deepObject(DEEP)}}`);
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, 'invalid_input', 'detail.a']);
    const after = tableHashes();
    expect([...after].filter(([name, h]) => before.get(name) !== h && !BOOKKEEPING.has(name))).toEqual([]);
    // A sealed house's flat fact still goes through.
    const flat = await send1('POST', `/api/houses/${house}/transitions`, '{"action":"suspect","date":"2026-07-11","detail":{"note":"墙体开裂"}}');
    expect(flat.status, JSON.stringify(flat.body)).toBe(200);
  });
});
