// Behind a reverse proxy (ANJU_TRUSTED_PROXIES), over real HTTP: the audit log records the client the
// proxy names, and sign-in throttling counts each client on its own — thirty wrong passwords from one
// office do not stop another from signing in. Without the setting the same header is ignored, and every
// request counts as the proxy's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/db/demo-users.ts';
import { parseTrustedProxies } from '../../server/http/client-address.ts';
import { seededApp } from './harness.ts';
import { httpServer } from './over-http.ts';

const behind = seededApp(300, 21, { trustedProxies: parseTrustedProxies('127.0.0.1, ::1') });
const direct = seededApp(300, 21);
let servers: { behind: Awaited<ReturnType<typeof httpServer>>; direct: Awaited<ReturnType<typeof httpServer>> };

beforeAll(async () => {
  servers = { behind: await httpServer(behind.app), direct: await httpServer(direct.app) };
});
afterAll(async () => {
  await servers.behind.close();
  await servers.direct.close();
  await behind.close();
  await direct.close();
});

const signIn = (url: string, username: string, password: string, forwardedFor: string, more: Record<string, string> = {}) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': forwardedFor, ...more },
    body: JSON.stringify({ username, password }),
  });

const lastAddress = (t: typeof behind, action: string) =>
  t.db.prepare('SELECT ip FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').pluck().get(action) as string;

describe('X-Forwarded-For from a trusted proxy', () => {
  it('is the address the audit log records; from an untrusted peer it is ignored', async () => {
    expect((await signIn(servers.behind.url, 'county', DEMO_PASSWORD, '198.51.100.1, 203.0.113.7')).status).toBe(200);
    expect(lastAddress(behind, 'login')).toBe('203.0.113.7');
    expect((await signIn(servers.direct.url, 'county', DEMO_PASSWORD, '203.0.113.7')).status).toBe(200);
    expect(lastAddress(direct, 'login')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('marks the session cookie Secure when a trusted proxy ended TLS, and only then', async () => {
    const cookie = async (url: string, proto: string) => (await signIn(url, 'viewer', DEMO_PASSWORD, '203.0.113.7', { 'x-forwarded-proto': proto })).headers.get('set-cookie') ?? '';
    expect(await cookie(servers.behind.url, 'https')).toMatch(/;\s*Secure/i);
    expect(await cookie(servers.behind.url, 'http')).not.toMatch(/;\s*Secure/i);
    expect(await cookie(servers.direct.url, 'https')).not.toMatch(/;\s*Secure/i);
  });

  it('throttles each client behind the proxy on its own', async () => {
    // 30 wrong passwords over as many accounts from one office: that address is stopped …
    for (const t of [behind, direct]) {
      const url = t === behind ? servers.behind.url : servers.direct.url;
      for (let i = 0; i < 30; i++) expect((await signIn(url, `nobody${i}`, 'wrong-password-1', '203.0.113.50')).status).toBe(401);
      expect((await signIn(url, 'staff', DEMO_PASSWORD, '203.0.113.50')).status).toBe(429);
      expect(lastAddress(t, 'login.failed')).toMatch(t === behind ? /^203\.0\.113\.50$/ : /^(::ffff:)?127\.0\.0\.1$/);
    }
    // … and another office behind the same proxy signs in; without the setting it is the same address.
    expect((await signIn(servers.behind.url, 'staff', DEMO_PASSWORD, '203.0.113.51')).status).toBe(200);
    expect((await signIn(servers.direct.url, 'staff', DEMO_PASSWORD, '203.0.113.51')).status).toBe(429);
  });
});
