import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { findApiToken } from '../db/api-tokens.ts';
import { getUser, type User } from '../db/users.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { currentSession } from './middleware.ts';
import { OGC_READERS } from './rules.ts';

const READS = new Set(['GET', 'HEAD']);

/** A 401 a GIS client can act on (RFC 6750 §3): which token problem, in the header and in our JSON body. */
function refused(code: 'token_invalid' | 'token_expired' | 'token_revoked' | 'unauthenticated', message: string): HttpError {
  const error = code === 'unauthenticated' ? '' : `, error="invalid_token", error_description="${code}"`;
  return new HttpError(401, code, message, 'authorization', { 'WWW-Authenticate': `Bearer realm="anju-ogc"${error}` });
}

/** The user a presented API token stands for, or the 401 saying why not. */
function tokenUser(c: Context<Env>, token: string): User {
  const now = c.var.now();
  const found = findApiToken(c.var.db, token, now);
  if (!found.found) throw refused('token_invalid', 'unknown API token: make one under 我的账户 / My account');
  if (found.revoked) throw refused('token_revoked', `API token “${found.token.name}” was revoked on ${found.token.revokedAt}`);
  if (found.expiresAt <= now) throw refused('token_expired', `API token “${found.token.name}” expired on ${found.token.expiresAt}`);
  const user = getUser(c.var.db, found.token.userId);
  // A deactivated account's tokens stop with it (and work again only if the admin reactivates it).
  if (!user || !user.active) throw refused('token_invalid', `API token “${found.token.name}” belongs to a deactivated account`);
  return user;
}

/**
 * Authentication for the OGC API: `Authorization: Bearer <token>` (desktop GIS, scripts) or the session
 * cookie (a browser reading the HTML pages). Reads only — any other method is refused here, before a
 * route, so neither credential writes anything through /ogc; CSRF stays the /api middleware's business.
 * The user's region is their scope, exactly as on /api.
 */
export const ogcAccess = createMiddleware<Env>(async (c, next) => {
  if (!READS.has(c.req.method)) throw new HttpError(405, 'read_only', 'the OGC API is read-only: GET or HEAD', undefined, { Allow: 'GET, HEAD' });
  const header = c.req.header('authorization');
  let user: User;
  if (header !== undefined) {
    const bearer = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
    if (!bearer) throw refused('token_invalid', 'expected the header “Authorization: Bearer <token>”');
    user = tokenUser(c, bearer[1]!);
  } else {
    const signedIn = currentSession(c);
    if (!signedIn) throw refused('unauthenticated', 'send “Authorization: Bearer <token>” (made under 我的账户 / My account) or sign in');
    user = signedIn.user;
  }
  if (!OGC_READERS.includes(user.role)) throw new HttpError(403, 'forbidden', `role ${user.role} may not read the OGC API`);
  if (user.mustChangePassword) throw new HttpError(403, 'password_change_required', 'change your password first (POST /api/auth/password)');
  c.set('user', user);
  c.set('scope', { code: user.regionCode, level: user.regionLevel });
  return next();
});
