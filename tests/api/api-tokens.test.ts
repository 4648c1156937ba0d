// Personal API tokens (issue 13): made, listed and revoked by their owner, audited, shown once; they
// open the read-only OGC API under /ogc and nothing else — never /api, never a write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp, type DemoUser, type Session } from './harness.ts';
import { as } from './patrol-scene.ts';

let clock = Date.parse('2026-05-05T10:00:00+08:00');
let t: ReturnType<typeof seededApp>;

beforeAll(() => {
  t = seededApp(600, 7, { now: () => clock });
});
afterAll(() => t.close());

async function withToken(path: string, token: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const res = await t.app.request(path, { method: init.method ?? 'GET', headers: { authorization: `Bearer ${token}`, ...init.headers }, ...(init.body ? { body: init.body } : {}) });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML or empty
  }
  return { status: res.status, body, res };
}

const make = async (name: string, who: DemoUser = 'county', extra: Record<string, unknown> = {}) => {
  const res = await t.json('/api/auth/tokens', { method: 'POST', as: who, body: { name, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; name: string; token: string; createdAt: string; expiresAt: string };
};
const auditRows = (action: string) => t.db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as Record<string, any>[];

describe('making, listing and revoking tokens', () => {
  it('makes a token shown once, of 32 random bytes, keeping only its hash; a year by default', async () => {
    const made = await make('QGIS 办公室');
    expect(made.token).toMatch(/^anju_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(made.expiresAt) - clock).toBe(365 * 86_400_000);
    const row = t.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(made.id) as Record<string, unknown>;
    expect(Object.values(row).map(String)).not.toContain(made.token);
    expect((row.token_hash as Buffer).length).toBe(32);
    // Nowhere in the database, the audit log included.
    const audit = auditRows('token.create').at(-1)!;
    expect(audit).toMatchObject({ entity: 'api_token', entity_id: String(made.id), username: 'county' });
    expect(JSON.stringify(audit)).not.toContain(made.token);
    expect(JSON.parse(audit.after_json)).toEqual({ name: 'QGIS 办公室', expiresAt: made.expiresAt });

    const list = await t.json('/api/auth/tokens');
    expect(list.status).toBe(200);
    const listed = list.body.tokens.find((x: any) => x.id === made.id);
    expect(listed).toEqual({ id: made.id, name: 'QGIS 办公室', createdAt: made.createdAt, expiresAt: made.expiresAt, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(made.token);
    // Each user lists only their own.
    expect((await t.json('/api/auth/tokens', { as: 'township' })).body.tokens.map((x: any) => x.id)).not.toContain(made.id);
  });

  it('takes expiresInDays 1–730 and refuses bad input naming the field, storing nothing', async () => {
    expect(Date.parse((await make('短期', 'county', { expiresInDays: 1 })).expiresAt) - clock).toBe(86_400_000);
    const before = (t.db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n;
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'a', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'a', expiresInDays: 731 }, 'expiresInDays'],
      [{ name: 'a', expiresInDays: 1.5 }, 'expiresInDays'],
      [{ name: 'a', expiresInDays: '30' }, 'expiresInDays'],
      [{ name: 'a', userId: 2 }, 'userId'],
    ] as const) {
      const res = await t.json('/api/auth/tokens', { method: 'POST', body });
      expect([res.status, res.body.error?.field], JSON.stringify(body)).toEqual([400, field]);
    }
    expect((t.db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n).toBe(before);
  });

  it('revokes one’s own token (audited once); another user’s answers 404 unless one is the county admin', async () => {
    const mine = await make('township laptop', 'township');
    const countyToken = await make('county desktop');
    expect((await t.json(`/api/auth/tokens/${countyToken.id}`, { method: 'DELETE', as: 'township' })).status).toBe(404);
    expect((await t.json(`/api/auth/tokens/${countyToken.id}`, { method: 'DELETE', as: 'viewer' })).status).toBe(404);
    expect((await t.json('/api/auth/tokens/999999', { method: 'DELETE', as: 'township' })).status).toBe(404);
    expect((await withToken('/ogc', countyToken.token)).status).toBe(200);

    const revoked = await t.json(`/api/auth/tokens/${mine.id}`, { method: 'DELETE', as: 'township' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: mine.id, revokedAt: new Date(clock).toISOString() });
    const again = await t.json(`/api/auth/tokens/${mine.id}`, { method: 'DELETE', as: 'township' });
    expect(again.status).toBe(200);
    expect(auditRows('token.revoke').filter((r) => r.entity_id === String(mine.id))).toHaveLength(1);

    // The county admin may revoke anyone's (a lost laptop), and it is audited as theirs.
    const other = await make('township second', 'township');
    expect((await t.json(`/api/auth/tokens/${other.id}`, { method: 'DELETE', as: 'county' })).status).toBe(200);
    expect(auditRows('token.revoke').at(-1)).toMatchObject({ username: 'county', entity_id: String(other.id) });
    expect((await withToken('/ogc', other.token)).body.error.code).toBe('token_revoked');
  });

  it('needs a session, and the CSRF token to make or revoke one', async () => {
    expect((await t.json('/api/auth/tokens', { as: null })).status).toBe(401);
    const s = await t.sessionOf('county');
    const res = await t.app.request('/api/auth/tokens', { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
    expect([res.status, ((await res.json()) as any).error.code]).toEqual([403, 'csrf']);
  });

  it('stops at 20 live tokens a user (409), counting neither revoked nor expired ones', async () => {
    const s = await t.login('leader');
    const create = (name: string) => as(t, s, '/api/auth/tokens', { method: 'POST', body: { name } });
    for (let i = 0; i < 20; i++) expect((await create(`t${i}`)).status).toBe(201);
    const refused = await create('one too many');
    expect([refused.status, refused.body.error.code]).toEqual([409, 'too_many_tokens']);
    const first = (await as(t, s, '/api/auth/tokens')).body.tokens.at(-1);
    expect((await as(t, s, `/api/auth/tokens/${first.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await create('after a revoke')).status).toBe(201);
  });
});

describe('what a token opens', () => {
  it('reads /ogc, says which token problem a 401 is (invalid, expired, revoked) in the error shape and WWW-Authenticate', async () => {
    const made = await make('expiring', 'county', { expiresInDays: 2 });
    const ok = await withToken('/ogc/collections/households/items?limit=1', made.token);
    expect(ok.status).toBe(200);

    const unknown = await withToken('/ogc', `anju_${'A'.repeat(43)}`);
    expect([unknown.status, unknown.body.error.code, unknown.body.error.field]).toEqual([401, 'token_invalid', 'authorization']);
    expect(unknown.res.headers.get('www-authenticate')).toBe('Bearer realm="anju-ogc", error="invalid_token", error_description="token_invalid"');
    const basic = await t.app.request('/ogc', { headers: { authorization: 'Basic Y291bnR5OmFuanUyMDI2' } });
    expect([basic.status, ((await basic.json()) as any).error.code]).toEqual([401, 'token_invalid']);
    const none = await t.app.request('/ogc');
    expect([none.status, ((await none.json()) as any).error.code]).toEqual([401, 'unauthenticated']);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="anju-ogc"');

    clock += 2 * 86_400_000 + 1;
    try {
      const expired = await withToken('/ogc', made.token);
      expect([expired.status, expired.body.error.code]).toEqual([401, 'token_expired']);
      expect(expired.body.error.message).toContain('expiring');
      expect(expired.res.headers.get('www-authenticate')).toContain('error_description="token_expired"');
    } finally {
      clock -= 2 * 86_400_000 + 1;
      t.forgetSessions();
    }

    const gone = await make('to revoke');
    await t.json(`/api/auth/tokens/${gone.id}`, { method: 'DELETE' });
    const revoked = await withToken('/ogc', gone.token);
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'token_revoked']);
  });

  it('is refused on /api, reads or writes, even beside a valid session; CSRF rules stay as they are', async () => {
    const made = await make('api attempt');
    const s = await t.sessionOf('county');
    const countAlerts = () => (t.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
    const before = countAlerts();
    const read = await withToken('/api/households?limit=1', made.token);
    expect([read.status, read.body.error.code, read.body.error.field]).toEqual([401, 'token_not_accepted', 'authorization']);
    const write = await withToken('/api/alerts', made.token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([write.status, write.body.error.code]).toEqual([401, 'token_not_accepted']);
    // A session's cookie and CSRF token do not make a Bearer header welcome.
    const both = await withToken('/api/auth/tokens', made.token, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'chained' }) });
    expect(both.status).toBe(401);
    const unmask = await withToken('/api/households/1/unmask', made.token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'follow-up' }) });
    expect(unmask.status).toBe(401);
    expect(countAlerts()).toBe(before);
    expect(auditRows('unmask')).toHaveLength(0);
  });

  it('writes nothing through /ogc: any method but GET and HEAD is 405, with a token or a session', async () => {
    const made = await make('writer');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await withToken('/ogc/collections/households/items', made.token, { method, headers: { 'content-type': 'application/json' }, body: '{}' });
      expect([res.status, res.body.error.code], method).toEqual([405, 'read_only']);
      expect(res.res.headers.get('allow')).toBe('GET, HEAD');
    }
    const s = await t.sessionOf('county');
    const bySession = await as(t, s, '/ogc/collections/households/items', { method: 'POST', body: {} });
    expect(bySession.status).toBe(405);
    const head = await t.app.request('/ogc/collections/households/items?limit=1', { method: 'HEAD', headers: { authorization: `Bearer ${made.token}` } });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'application/geo+json; charset=UTF-8']);
  });

  it('lets a signed-in browser read /ogc with its session cookie (no token), as HTML', async () => {
    const s = await t.sessionOf('township');
    const res = await t.app.request('/ogc/collections?f=html', { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('监测户');
  });

  it('stops working when its account is deactivated, and for an account that must change its password', async () => {
    const township = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code;
    const made = await t.json('/api/users', { method: 'POST', body: { username: 'gis.desk', displayName: 'GIS 桌面', role: 'township_leader', regionCode: township, password: 'gis-desk-pass-1' } });
    expect(made.status).toBe(201);
    const s: Session = await t.login('gis.desk', 'gis-desk-pass-1');
    const token = (await as(t, s, '/api/auth/tokens', { method: 'POST', body: { name: 'desk' } })).body.token as string;
    expect((await withToken('/ogc', token)).status).toBe(200);

    expect((await t.json(`/api/users/${made.body.user.id}`, { method: 'PATCH', body: { active: false } })).status).toBe(200);
    const refused = await withToken('/ogc', token);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'token_invalid']);
    expect(refused.body.error.message).toContain('deactivated');

    expect((await t.json(`/api/users/${made.body.user.id}`, { method: 'PATCH', body: { active: true, password: 'reset-by-admin-1' } })).status).toBe(200);
    const mustChange = await withToken('/ogc', token);
    expect([mustChange.status, mustChange.body.error.code]).toEqual([403, 'password_change_required']);
  });

  it('notes when it was last used, at most once a minute', async () => {
    const made = await make('touch');
    const lastUsed = async () => (await t.json('/api/auth/tokens')).body.tokens.find((x: any) => x.id === made.id).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await withToken('/ogc', made.token);
    const first = await lastUsed();
    expect(first).toBe(new Date(clock).toISOString());
    clock += 30_000;
    await withToken('/ogc', made.token);
    expect(await lastUsed()).toBe(first);
    clock += 31_000;
    await withToken('/ogc', made.token);
    expect(await lastUsed()).toBe(new Date(clock).toISOString());
  });
});
