// Sign-in throttling (issue 9): wrong passwords slow down the (account, address) pair that sends them
// instead of locking the account for everyone, one address is still capped across accounts, and the
// counters live in the database, so a restart neither clears nor doubles them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadDataKey } from '../../server/config.ts';
import { DEMO_PASSWORD } from '../../server/db/demo-users.ts';
import { seededApp } from './harness.ts';

let clock = Date.parse('2026-07-12T08:00:00Z');
let t: ReturnType<typeof seededApp>;

beforeAll(() => {
  t = seededApp(300, 5, { now: () => clock });
});
afterAll(() => t.close());

type App = { request: (typeof t)['app']['request'] };

/**
 * A sign-in from `address`. @hono/node-server's getConnInfo reads the socket from the request's env,
 * so passing `{ incoming: { socket } }` as the env is how a test stands at another address.
 */
function signIn(username: string, password: string, address: string, app: App = t.app) {
  return app.request(
    '/api/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) },
    { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } },
  );
}

const retryAfter = (res: Response) => Number(res.headers.get('retry-after'));

describe('sign-in throttling', () => {
  it('slows down one address guessing an account without locking the account out for anyone else', async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await signIn('county', 'guess-' + i, attacker)).status).toBe(401);
    // After three failures the pair waits 1 s, then 2 s, then 4 s …
    const first = await signIn('county', 'guess-x', attacker);
    expect(first.status).toBe(429);
    expect(retryAfter(first)).toBe(1);
    expect(((await first.json()) as any).error.code).toBe('too_many_attempts');
    // While it waits, even the right password from that address is refused …
    expect((await signIn('county', DEMO_PASSWORD, attacker)).status).toBe(429);
    // … but the real administrator, at the county office, signs in.
    expect((await signIn('county', DEMO_PASSWORD, '198.51.100.20')).status).toBe(200);

    clock += 1000;
    expect((await signIn('county', 'guess-4', attacker)).status).toBe(401);
    expect(retryAfter(await signIn('county', 'guess-5', attacker))).toBe(2);
    clock += 2000;
    expect((await signIn('county', 'guess-6', attacker)).status).toBe(401);
    expect(retryAfter(await signIn('county', 'guess-7', attacker))).toBe(4);
    // Twenty more failures, each as soon as allowed: still only that pair waits, and the wait is capped.
    for (let i = 0; i < 20; i++) {
      const res = await signIn('county', `guess-more-${i}`, attacker);
      if (res.status === 429) clock += retryAfter(res) * 1000;
      else expect(res.status).toBe(401);
    }
    expect(retryAfter(await signIn('county', 'guess-last', attacker))).toBeLessThanOrEqual(5 * 60);
    expect((await signIn('county', DEMO_PASSWORD, '198.51.100.21')).status).toBe(200);
  });

  it('forgets a pair after a successful sign-in from it', async () => {
    const address = '192.0.2.44';
    for (let i = 0; i < 3; i++) expect((await signIn('leader', 'typo-' + i, address)).status).toBe(401);
    clock += 1000;
    expect((await signIn('leader', DEMO_PASSWORD, address)).status).toBe(200);
    // The counter starts again from zero: three more tries before any wait.
    for (let i = 0; i < 3; i++) expect((await signIn('leader', 'typo-again-' + i, address)).status).toBe(401);
  });

  it('still caps one address at 30 failures in 15 minutes across accounts', async () => {
    const sprayer = '203.0.113.99';
    const accounts = ['staff', 'township', 'viewer', 'inspector', 'nobody-1', 'nobody-2', 'nobody-3', 'nobody-4', 'nobody-5', 'nobody-6'];
    for (const username of accounts) for (let i = 0; i < 3; i++) expect((await signIn(username, 'spray-' + i, sprayer)).status).toBe(401);
    const capped = await signIn('nobody-7', 'spray', sprayer);
    expect(capped.status).toBe(429);
    expect(retryAfter(capped)).toBeGreaterThan(60);
    expect((await signIn('staff', DEMO_PASSWORD, '198.51.100.30')).status).toBe(200);
    clock += 15 * 60_000;
    expect((await signIn('nobody-7', 'spray', sprayer)).status).toBe(401);
  });

  it('keeps the counters across a restart, neither cleared nor doubled', async () => {
    const address = '203.0.113.150';
    for (let i = 0; i < 3; i++) expect((await signIn('township', 'nope-' + i, address)).status).toBe(401);
    clock += 1000;
    expect((await signIn('township', 'nope-3', address)).status).toBe(401);
    const waitBefore = await signIn('township', 'nope-4', address);
    expect(retryAfter(waitBefore)).toBe(2);

    // The server restarts: a second app on the same database file.
    const restarted = createApp({ dbPath: t.dbPath, dataKey: loadDataKey(t.dbPath), now: () => clock });
    try {
      const after = await signIn('township', 'nope-4', address, restarted.app);
      expect(after.status).toBe(429);
      expect(retryAfter(after)).toBe(2);
      clock += 2000;
      expect((await signIn('township', 'nope-5', address, restarted.app)).status).toBe(401);
      // The old process sees the same count: the next wait is 4 s, not 2 s and not 8 s.
      expect(retryAfter(await signIn('township', 'nope-6', address))).toBe(4);
    } finally {
      restarted.db.close();
    }
  });

  it('lets only one of a burst of simultaneous guesses through once the pair must wait', async () => {
    const address = '203.0.113.200';
    for (let i = 0; i < 3; i++) expect((await signIn('viewer', 'burst-' + i, address)).status).toBe(401);
    clock += 1000;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn('viewer', 'burst-x' + i, address)));
    expect(answers.filter((r) => r.status === 401)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(9);
  });
});
