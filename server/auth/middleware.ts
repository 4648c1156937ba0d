import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import type { Context } from 'hono';
import { findSession, type SessionRecord } from '../db/sessions.ts';
import { getUser, type User } from '../db/users.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { OPEN_BEFORE_PASSWORD_CHANGE, ruleFor } from './rules.ts';

export const SESSION_COOKIE = 'anju_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The route that will answer: the first matched non-middleware route under /api. */
function handlerPath(c: Parameters<Parameters<typeof createMiddleware<Env>>[0]>[0]): string | null {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
  return route ? route.path : null;
}

/**
 * Authentication, CSRF and authorisation, once for every route: the session cookie names the user,
 * the user's region is their scope, and ROUTE_RULES says whether their role may call this route.
 * No session → 401; a role not listed → 403; no rule at all → 403 (fail closed).
 */
export const authorize = createMiddleware<Env>(async (c, next) => {
  // An API token opens the read-only OGC API only (auth/ogc-access.ts): on /api it is refused outright,
  // not ignored, so a script that sends one learns at once that it signs nothing in here.
  if (/^Bearer\b/i.test(c.req.header('authorization') ?? '')) {
    throw new HttpError(401, 'token_not_accepted', 'API tokens open only the read-only OGC API under /ogc; /api needs a signed-in session', 'authorization');
  }
  const path = handlerPath(c);
  const rule = path ? ruleFor(c.req.method, path) : undefined;
  if (rule === 'public') {
    if (!SAFE_METHODS.has(c.req.method)) assertSameOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), c.req.url);
    return next();
  }

  const signedIn = currentSession(c);
  if (!signedIn) throw new HttpError(401, 'unauthenticated', 'sign in first');
  const { session, user } = signedIn;

  if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) {
    throw new HttpError(403, 'csrf', `missing or wrong ${CSRF_HEADER} header`);
  }
  if (!path) return next(); // no such route: let it answer 404
  if (rule === undefined) {
    console.error(`[anju] no authorisation rule for ${c.req.method} ${path}: refused`);
    throw new HttpError(403, 'no_rule', 'this route has no authorisation rule');
  }
  if (!rule.includes(user.role)) throw new HttpError(403, 'forbidden', `role ${user.role} may not do this`);
  if (user.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${path}`)) {
    throw new HttpError(403, 'password_change_required', 'change your password first (POST /api/auth/password)');
  }

  c.set('user', user);
  c.set('csrfToken', session.csrfToken);
  c.set('scope', { code: user.regionCode, level: user.regionLevel });
  return next();
});

/** The request's live session and its active user, or null: no cookie, an ended session, a deactivated user. */
export function currentSession(c: Context<Env>): { session: SessionRecord; user: User } | null {
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? findSession(c.var.db, token, c.var.now(), c.var.sessionPolicy) : null;
  const user = session ? getUser(c.var.db, session.userId) : null;
  return session && user && user.active ? { session, user } : null;
}

/** Login has no session to carry a CSRF token: refuse it from another site instead. */
function assertSameOrigin(origin: string | undefined, fetchSite: string | undefined, url: string): void {
  if (fetchSite === 'cross-site') throw new HttpError(403, 'csrf', 'cross-site request refused');
  if (origin === undefined) return;
  if (!URL.canParse(origin) || new URL(origin).host !== new URL(url).host) {
    throw new HttpError(403, 'csrf', 'cross-origin request refused');
  }
}
