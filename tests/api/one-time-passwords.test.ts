// Accounts the county admin hands out (issue 10): a password the admin sets is one-time, the holder may
// do nothing but change it; a township's inspectors get their sign-in slips at once, with random
// passwords returned once and stored only as hashes; phones are sealed and shown masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_RULES, OPEN_BEFORE_PASSWORD_CHANGE } from '../../server/auth/rules.ts';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { seededApp, type DemoUser } from './harness.ts';

let clock = Date.now();
let t: ReturnType<typeof seededApp>;
let township: string;
let otherTownship: string;
let village: string;

beforeAll(async () => {
  t = seededApp(600, 5, { now: () => clock });
  seedDemoInspectors(t.db);
  const county = (await t.json('/api/regions')).body.county;
  township = county.children[0].code;
  otherTownship = county.children[1].code;
  village = county.children[0].children[0].code;
});
afterAll(() => t.close());

const post = (path: string, body: unknown, as: DemoUser = 'county') => t.json(path, { method: 'POST', body, as });
const signIn = (username: string, password: string) =>
  t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

async function session(username: string, password: string) {
  const res = await signIn(username, password);
  expect(res.status, `${username}: ${await res.clone().text()}`).toBe(200);
  const body = (await res.json()) as any;
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken as string, user: body.user };
}
const call = (s: { cookie: string; csrf: string }, path: string, init: { method?: string; body?: unknown } = {}) =>
  t.app.request(path, {
    method: init.method ?? 'GET',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

describe('an account with a one-time password', () => {
  it('is created with a masked phone, signs in, may only change the password, then works', async () => {
    const made = await post('/api/users', {
      username: 'li.si', displayName: '李四', role: 'inspector', regionCode: village, password: 'chosen-by-admin', oneTime: true, phone: '13912345678',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.user).toMatchObject({ username: 'li.si', mustChangePassword: true, hasPassword: true, phone: '139****5678' });
    expect(JSON.stringify(made.body)).not.toMatch(/13912345678|scrypt|phoneSealed/);
    // The phone is sealed at rest.
    const raw = t.db.prepare("SELECT phone_enc FROM users WHERE username = 'li.si'").get() as { phone_enc: Buffer };
    expect(raw.phone_enc.toString('latin1')).not.toContain('13912345678');

    const s = await session('li.si', 'chosen-by-admin');
    expect(s.user.mustChangePassword).toBe(true);
    // Every route but me, password and logout answers 403 password_change_required.
    for (const path of ['/api/households?limit=1', '/api/tasks', '/api/regions', '/api/alerts']) {
      const res = await call(s, path);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as any).error.code).toBe('password_change_required');
    }
    expect((await call(s, '/api/auth/me')).status).toBe(200);

    // The policy, each refusal naming the field and changing nothing.
    const tries: [unknown, number, string, string][] = [
      [{ current: 'wrong-one', next: 'a-good-new-one' }, 400, 'wrong_password', 'current'],
      [{ current: 'chosen-by-admin', next: 'short' }, 400, 'weak_password', 'next'],
      [{ current: 'chosen-by-admin', next: 'LI.SI' + '' }, 400, 'weak_password', 'next'],
      [{ current: 'chosen-by-admin', next: 'chosen-by-admin' }, 400, 'weak_password', 'next'],
      [{ current: 'chosen-by-admin', next: '12345678' }, 400, 'weak_password', 'next'],
      [{ current: 'chosen-by-admin' }, 400, 'invalid_input', 'next'],
      [{ current: 'chosen-by-admin', next: 'a-good-new-one', extra: 1 }, 400, 'invalid_input', 'extra'],
    ];
    for (const [body, status, code, field] of tries) {
      const res = await call(s, '/api/auth/password', { method: 'POST', body });
      const err = ((await res.json()) as any).error;
      expect([res.status, err.code, err.field], JSON.stringify(body)).toEqual([status, code, field]);
      clock += 5 * 60_000; // past the throttle a wrong current password earns
    }
    expect((t.db.prepare("SELECT must_change_password AS m FROM users WHERE username = 'li.si'").get() as { m: number }).m).toBe(1);

    const other = await session('li.si', 'chosen-by-admin'); // a second device
    const changed = await call(s, '/api/auth/password', { method: 'POST', body: { current: 'chosen-by-admin', next: 'my own secret 7' } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ ok: true, otherSessionsEnded: 1 });
    // This session goes on, now unhindered; the other device must sign in again; the old password is gone.
    expect((await call(s, '/api/tasks')).status).toBe(200);
    expect(((await (await call(s, '/api/auth/me')).json()) as any).user.mustChangePassword).toBe(false);
    expect((await call(other, '/api/auth/me')).status).toBe(401);
    expect((await signIn('li.si', 'chosen-by-admin')).status).toBe(401);
    clock += 5 * 60_000;
    expect((await signIn('li.si', 'my own secret 7')).status).toBe(200);
    const row = t.db.prepare("SELECT after_json FROM audit_log WHERE action = 'password.change' ORDER BY id DESC LIMIT 1").get() as { after_json: string };
    expect(row.after_json).not.toMatch(/secret|chosen/);
  });

  it('makes a password set by PATCH one-time unless the admin says otherwise', async () => {
    const id = (t.db.prepare('SELECT id FROM users WHERE username = ?').get(`insp-${village}`) as { id: number }).id;
    expect((await signIn(`insp-${village}`, 'anything-at-all')).status).toBe(401); // seeded without one
    const set = await t.json(`/api/users/${id}`, { method: 'PATCH', body: { password: 'first-password-1' } });
    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ mustChangePassword: true, hasPassword: true });
    const s = await session(`insp-${village}`, 'first-password-1');
    expect((await call(s, '/api/tasks')).status).toBe(403);

    const kept = await t.json(`/api/users/${id}`, { method: 'PATCH', body: { password: 'permanent-pass-2', oneTime: false } });
    expect(kept.body.user.mustChangePassword).toBe(false);
    const s2 = await session(`insp-${village}`, 'permanent-pass-2');
    expect((await call(s2, '/api/tasks')).status).toBe(200);

    // oneTime means nothing without a password; a phone must be a mobile number; null removes it.
    const bad = await t.json(`/api/users/${id}`, { method: 'PATCH', body: { oneTime: true } });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'oneTime']);
    const badPhone = await t.json(`/api/users/${id}`, { method: 'PATCH', body: { phone: '12345' } });
    expect([badPhone.status, badPhone.body.error.field]).toEqual([400, 'phone']);
    expect((await t.json(`/api/users/${id}`, { method: 'PATCH', body: { phone: '13800001111' } })).body.user.phone).toBe('138****1111');
    expect((await t.json(`/api/users/${id}`, { method: 'PATCH', body: { phone: null } })).body.user.phone).toBeNull();
  });

  it('keeps POST /api/users as before when oneTime is not asked: the password stays', async () => {
    const made = await post('/api/users', { username: 'zhao.liu', displayName: '赵六', role: 'inspector', regionCode: village, password: 'long-enough-pass' });
    expect(made.status).toBe(201);
    expect(made.body.user.mustChangePassword).toBe(false);
    const noPassword = await post('/api/users', { username: 'qian.qi', displayName: '钱七', role: 'inspector', regionCode: village });
    expect(noPassword.status).toBe(201);
    expect(noPassword.body.user.hasPassword).toBe(false);
    const oneTimeAlone = await post('/api/users', { username: 'sun.ba', displayName: '孙八', role: 'inspector', regionCode: village, oneTime: true });
    expect([oneTimeAlone.status, oneTimeAlone.body.error.field]).toEqual([400, 'oneTime']);
  });

  it('lists exactly me, password and logout as open before the change, and each is a real route', () => {
    for (const r of OPEN_BEFORE_PASSWORD_CHANGE) expect(ROUTE_RULES, r).toHaveProperty([r]);
    expect([...OPEN_BEFORE_PASSWORD_CHANGE].sort()).toEqual(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password']);
  });
});

describe('POST /api/users/bulk-passwords', () => {
  const inspectorsOf = (code: string, all: boolean) =>
    t.db
      .prepare(
        `SELECT u.username FROM users u JOIN regions v ON v.code = u.region_code
          WHERE u.role = 'inspector' AND u.active = 1 AND v.parent_code = ?
            AND (@all OR u.password_hash NOT LIKE 'scrypt$%' OR u.must_change_password = 1)
          ORDER BY u.region_code, u.username`,
      )
      .all(code, { all: all ? 1 : 0 }) as { username: string }[];

  it('sets a random one-time password for each inspector of the township still without one of their own, returned once', async () => {
    const inspectors = inspectorsOf(township, false);
    expect(inspectors.length).toBeGreaterThan(2);
    // Those who chose their own (the demo inspector, li.si above) keep it.
    expect(inspectors.map((i) => i.username)).not.toContain('inspector');
    expect(inspectors.map((i) => i.username)).not.toContain('li.si');
    const auditBefore = (t.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

    const res = await post('/api/users/bulk-passwords', { region: township, role: 'inspector' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.region.code).toBe(township);
    const slips = res.body.slips as { username: string; password: string; village: { code: string; name: string }; phone: string | null; displayName: string }[];
    expect(slips.map((s) => s.username)).toEqual(inspectors.map((i) => i.username));
    const passwords = new Set(slips.map((s) => s.password));
    expect(passwords.size).toBe(slips.length);
    for (const s of slips) {
      expect(s.password).toMatch(/^[a-z2-9]{10}$/);
      expect(s.village.name.length).toBeGreaterThan(0);
    }

    // Stored as hashes only, one-time: the database and the audit row hold no clear password.
    const rows = t.db.prepare(`SELECT password_hash, must_change_password FROM users WHERE username IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(slips.map((s) => s.username)),
    ) as { password_hash: string; must_change_password: number }[];
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && r.must_change_password === 1)).toBe(true);
    const added = t.db.prepare('SELECT action, entity, entity_id, after_json FROM audit_log WHERE id > ?').all(auditBefore) as {
      action: string; entity: string; entity_id: string; after_json: string;
    }[];
    expect(added.map((r) => r.action)).toEqual(['user.bulk_passwords']);
    expect(added[0]).toMatchObject({ entity: 'region', entity_id: township });
    expect(JSON.parse(added[0]!.after_json)).toMatchObject({ role: 'inspector', reissue: false, count: slips.length });
    const everything = JSON.stringify(t.db.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(t.db.prepare('SELECT * FROM users').all());
    for (const p of passwords) expect(everything).not.toContain(p);

    // The slip signs in, and the holder must change the password first.
    const s = await session(slips[0]!.username, slips[0]!.password);
    expect(s.user.mustChangePassword).toBe(true);
    expect((await call(s, '/api/tasks')).status).toBe(403);
  });

  it('ends the sessions of those whose password it replaced', async () => {
    const res = await post('/api/users/bulk-passwords', { region: township, role: 'inspector' });
    const slip = res.body.slips[0];
    const s = await session(slip.username, slip.password);
    await post('/api/users/bulk-passwords', { region: township, role: 'inspector' });
    expect((await call(s, '/api/auth/me')).status).toBe(401);
  });

  it('refuses bad bodies naming the field, and changes nothing', async () => {
    const hashes = () => JSON.stringify(t.db.prepare('SELECT password_hash FROM users ORDER BY id').all());
    const before = hashes();
    const cases: [unknown, number, string][] = [
      [{}, 400, 'region'],
      [{ region: township }, 400, 'role'],
      [{ region: township, role: 'township_staff' }, 400, 'role'],
      [{ region: '12', role: 'inspector' }, 400, 'region'],
      [{ region: village, role: 'inspector' }, 400, 'region'], // a village, not a township
      [{ region: '999999999999', role: 'inspector' }, 404, 'region'],
      [{ region: township, role: 'inspector', password: 'x' }, 400, 'password'],
      [{ region: township, role: 'inspector', reissue: 'yes' }, 400, 'reissue'],
    ];
    for (const [body, status, field] of cases) {
      const res = await post('/api/users/bulk-passwords', body);
      expect([res.status, res.body.error.field], JSON.stringify(body)).toEqual([status, field]);
    }
    expect(hashes()).toBe(before);
  });

  it('is the county admin’s alone: county staff and the township — own township or another — get 403', async () => {
    const before = JSON.stringify(t.db.prepare('SELECT password_hash FROM users ORDER BY id').all());
    for (const as of ['staff', 'township', 'leader', 'inspector', 'viewer'] as const) {
      for (const region of [township, otherTownship]) {
        const res = await post('/api/users/bulk-passwords', { region, role: 'inspector' }, as);
        expect([res.status, res.body.error.code], `${as} ${region}`).toEqual([403, 'forbidden']);
      }
    }
    expect(JSON.stringify(t.db.prepare('SELECT password_hash FROM users ORDER BY id').all())).toBe(before);
  });

  // Last: it replaces the demo inspector's password too.
  it('with reissue, replaces every inspector’s password, their own included, with the phone masked on the slip', async () => {
    const res = await post('/api/users/bulk-passwords', { region: township, role: 'inspector', reissue: true });
    expect(res.status).toBe(200);
    const names = res.body.slips.map((s: { username: string }) => s.username);
    expect(names).toEqual(inspectorsOf(township, true).map((i) => i.username));
    expect(names).toContain('inspector');
    expect(res.body.slips.find((s: { username: string }) => s.username === 'li.si').phone).toBe('139****5678');
    clock += 5 * 60_000;
    expect((await signIn('li.si', 'my own secret 7')).status).toBe(401);
  });
});
