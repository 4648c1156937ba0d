import { Hono } from 'hono';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords.ts';
import { ROLE_LEVEL, ROLES, type Role } from '../domain/roles.ts';
import type { Db } from '../db/connection.ts';
import { findRegion } from '../db/regions.ts';
import { revokeUserSessions } from '../db/sessions.ts';
import { getUser, insertUser, listUsers, updateUser, type User } from '../db/users.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, validate } from '../http/validate.ts';
import { audit } from '../http/audit-trail.ts';

const password = z.string().min(10, 'at least 10 characters').max(256);
const regionCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit region code');

const newUserBody = z
  .object({
    username: z.string().trim().regex(/^[a-z0-9_.-]{3,32}$/i, '3–32 letters, digits, _ . -'),
    displayName: z.string().trim().min(1).max(64),
    role: z.enum(ROLES),
    regionCode,
    password,
  })
  .strict();

const userChangeBody = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: z.enum(ROLES).optional(),
    regionCode: regionCode.optional(),
    active: z.boolean().optional(),
    password: password.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

/** A role's region must be of the level it works at (an inspector belongs to a village). */
function assertRoleFitsRegion(db: Db, role: Role, regionCode: string): void {
  const region = findRegion(db, regionCode);
  if (!region) throw new HttpError(400, 'invalid_input', `no region ${regionCode}`, 'regionCode');
  const level = ROLE_LEVEL[role];
  if (level && region.level !== level) {
    throw new HttpError(400, 'invalid_input', `role ${role} must be bound to a ${level}, not a ${region.level}`, 'regionCode');
  }
}

const auditView = (u: User) => ({ username: u.username, displayName: u.displayName, role: u.role, regionCode: u.regionCode, active: u.active });

export const users = new Hono<Env>()
  .get('/', (c) => c.json({ users: listUsers(c.var.db) }))
  .post('/', validate('json', newUserBody), async (c) => {
    const body = c.req.valid('json');
    const { db } = c.var;
    assertRoleFitsRegion(db, body.role, body.regionCode);
    const passwordHash = await hashPassword(body.password);
    const created = db.transaction(() => {
      if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(body.username)) {
        throw new HttpError(409, 'username_taken', `username ${body.username} is taken`, 'username');
      }
      const id = insertUser(db, { ...body, passwordHash }, new Date(c.var.now()));
      const user = getUser(db, id)!;
      audit(c, { action: 'user.create', entity: 'user', entityId: id, after: auditView(user) }, { address: true });
      return user;
    })();
    return c.json({ user: created }, 201);
  })
  .patch('/:id', validate('param', idParam), validate('json', userChangeBody), async (c) => {
    const { id } = c.req.valid('param');
    const { password: newPassword, ...change } = c.req.valid('json');
    const { db, user: actor } = c.var;
    const before = getUser(db, id);
    if (!before) throw new HttpError(404, 'user_not_found', `no user ${id}`, 'id');
    if (id === actor.id && (change.active === false || (change.role && change.role !== 'county_admin'))) {
      throw new HttpError(400, 'invalid_input', 'you cannot lock yourself out', change.active === false ? 'active' : 'role');
    }
    assertRoleFitsRegion(db, change.role ?? before.role, change.regionCode ?? before.regionCode);
    const passwordHash = newPassword ? await hashPassword(newPassword) : undefined;
    const after = db.transaction(() => {
      updateUser(db, id, { ...change, ...(passwordHash ? { passwordHash } : {}) });
      // A changed role, region, password or a deactivation ends the user's open sessions.
      if (change.role || change.regionCode || passwordHash || change.active === false) revokeUserSessions(db, id, c.var.now());
      const user = getUser(db, id)!;
      audit(
        c,
        {
          action: 'user.update',
          entity: 'user',
          entityId: id,
          before: auditView(before),
          after: { ...auditView(user), ...(passwordHash ? { password: 'changed' } : {}) },
        },
        { address: true },
      );
      return user;
    })();
    return c.json({ user: after });
  })
  .post('/:id/revoke-sessions', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.var;
    if (!getUser(db, id)) throw new HttpError(404, 'user_not_found', `no user ${id}`, 'id');
    const revoked = db.transaction(() => {
      const n = revokeUserSessions(db, id, c.var.now());
      audit(c, { action: 'user.revoke_sessions', entity: 'user', entityId: id, after: { revoked: n } }, { address: true });
      return n;
    })();
    return c.json({ revoked });
  });
