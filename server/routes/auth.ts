import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { currentSession, SESSION_COOKIE } from '../auth/middleware.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { MAX_PASSWORD, passwordProblem } from '../domain/password-policy.ts';
import { writeAudit } from '../db/audit.ts';
import { claimAttempt, forgiveAttempt } from '../db/login-failures.ts';
import { createSession, revokeOtherSessions, revokeSession } from '../db/sessions.ts';
import { findUserForLogin, setOwnPassword, type User } from '../db/users.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { clientAddress, reachedOverHttps } from '../http/client-address.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const loginBody = z
  .object({
    username: z.string().trim().min(1, 'required').max(64),
    password: z.string().min(1, 'required').max(256),
  })
  .strict();

const passwordChangeBody = z
  .object({
    current: z.string().min(1, 'required').max(MAX_PASSWORD),
    next: z.string().min(1, 'required').max(MAX_PASSWORD),
  })
  .strict();

const POLICY_WORDS = {
  too_short: 'at least 8 characters',
  too_long: `at most ${MAX_PASSWORD} characters`,
  same_as_username: 'must not be the username',
  same_as_current: 'must differ from the current password',
  too_common: 'too common: choose one nobody would guess',
} as const;

const publicUser = (u: User) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  region: { code: u.regionCode, level: u.regionLevel, name: u.regionName },
  // The client shows the password change at once; the server refuses everything else meanwhile.
  mustChangePassword: u.mustChangePassword,
});

export const auth = new Hono<Env>()
  .post('/login', validate('json', loginBody), async (c) => {
    const { username, password } = c.req.valid('json');
    const { db, limits } = c.var;
    const now = c.var.now();
    const address = clientAddress(c);
    const wait = claimAttempt(db, username, address, now, limits);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new HttpError(429, 'too_many_attempts', 'too many failed sign-ins: try again later');
    }
    const found = findUserForLogin(db, username);
    // Verify against a dummy hash for unknown users so the answer takes as long either way.
    const ok = (await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH)) && found !== null && found.active;
    if (!ok || !found) {
      // Already counted by claimAttempt.
      writeAudit(db, { userId: null, username, action: 'login.failed', ip: address }, new Date(now));
      throw new HttpError(401, 'bad_credentials', 'wrong username or password', 'password');
    }
    forgiveAttempt(db, username, address);
    const session = db.transaction(() => {
      const s = createSession(db, found.id, now, c.var.sessionPolicy);
      writeAudit(db, { userId: found.id, username: found.username, action: 'login', ip: address }, new Date(now));
      return s;
    })();
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: reachedOverHttps(c),
      maxAge: Math.floor(c.var.sessionPolicy.maxAgeMs / 1000),
    });
    return c.json({ user: publicUser(found), csrfToken: session.csrfToken, expiresAt: new Date(session.expiresAt).toISOString() });
  })
  .post('/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const { db } = c.var;
    const now = c.var.now();
    db.transaction(() => {
      if (token) revokeSession(db, token, now);
      audit(c, { action: 'logout' }, { now: new Date(now), address: true });
    })();
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true as const });
  })
  .get('/me', (c) => c.json({ user: publicUser(c.var.user), csrfToken: c.var.csrfToken }))
  /**
   * The holder changes their own password, proving the current one (a session left open on a shared
   * phone is not enough). A wrong current password counts as a failed sign-in of that account from
   * that address, so this is no side door for guessing. The other sessions end; this one stays.
   */
  .post('/password', validate('json', passwordChangeBody), async (c) => {
    const { current, next } = c.req.valid('json');
    const { db, limits, user } = c.var;
    const now = c.var.now();
    const address = clientAddress(c);
    const wait = claimAttempt(db, user.username, address, now, limits);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new HttpError(429, 'too_many_attempts', 'too many wrong passwords: try again later', 'current');
    }
    const found = findUserForLogin(db, user.username);
    if (!found || !(await verifyPassword(current, found.passwordHash))) {
      writeAudit(db, { userId: user.id, username: user.username, action: 'password.change_failed', entity: 'user', entityId: user.id, ip: address }, new Date(now));
      throw new HttpError(400, 'wrong_password', 'the current password is wrong', 'current');
    }
    forgiveAttempt(db, user.username, address);
    const problem = passwordProblem(next, { username: user.username, current });
    if (problem) throw new HttpError(400, 'weak_password', `next: ${POLICY_WORDS[problem]}`, 'next');
    const hash = await hashPassword(next);
    const token = getCookie(c, SESSION_COOKIE)!;
    const revoked = db.transaction(() => {
      setOwnPassword(db, user.id, hash);
      const n = revokeOtherSessions(db, user.id, token, now);
      audit(c, { action: 'password.change', entity: 'user', entityId: user.id, after: { mustChangePassword: false, otherSessionsEnded: n } }, { now: new Date(now), address: true });
      return n;
    })();
    return c.json({ ok: true as const, otherSessionsEnded: revoked });
  })
  // The page's "who is there?" on opening: 204 when nobody is signed in. Signed out is a state, not
  // an error — a 401 here made the browser log a failed load on every visit to the sign-in page.
  // /me keeps answering 401 to other callers; 204 is never cached by the field app's service worker.
  .get('/session', (c) => {
    const signedIn = currentSession(c);
    if (!signedIn) return c.body(null, 204);
    return c.json({ user: publicUser(signedIn.user), csrfToken: signedIn.session.csrfToken }, 200);
  });
