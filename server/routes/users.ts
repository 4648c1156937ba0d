import { Hono } from 'hono';
import { z } from 'zod';
import { oneTimePassword } from '../auth/one-time-passwords.ts';
import { hashPassword } from '../auth/passwords.ts';
import { maskPhone } from '../domain/masking.ts';
import { ROLE_LEVEL, ROLES, type Role } from '../domain/roles.ts';
import type { Db } from '../db/connection.ts';
import type { PersonalDataCipher } from '../db/personal-data.ts';
import { findRegion, isWithin } from '../db/regions.ts';
import { revokeUserSessions } from '../db/sessions.ts';
import { getUser, insertUser, listUsers, usernameTaken, updateUser, usersWithin, type User } from '../db/users.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, validate } from '../http/validate.ts';
import { audit } from '../http/audit-trail.ts';

const password = z.string().min(10, 'at least 10 characters').max(256);
const regionCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit region code');
// A mainland mobile number (11 digits from 1): what an inspector is reached on.
const phone = z.string().trim().regex(/^1\d{10}$/, 'must be an 11-digit mobile number');

const newUserBody = z
  .object({
    username: z.string().trim().regex(/^[a-z0-9_.-]{3,32}$/i, '3–32 letters, digits, _ . -'),
    displayName: z.string().trim().min(1).max(64),
    role: z.enum(ROLES),
    regionCode,
    // Without one the account cannot sign in until a password is set (PATCH or the township's slips).
    password: password.optional(),
    // true: the holder must change it at the first sign-in. Off unless asked, as before issue 10; the
    // admin screen always asks.
    oneTime: z.boolean().default(false),
    phone: phone.optional(),
  })
  .strict()
  .refine((b) => b.password !== undefined || !b.oneTime, { message: 'only with a password', path: ['oneTime'] });

const userChangeBody = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: z.enum(ROLES).optional(),
    regionCode: regionCode.optional(),
    active: z.boolean().optional(),
    password: password.optional(),
    // A password the admin sets is one-time unless the admin says otherwise (issue 10).
    oneTime: z.boolean().optional(),
    phone: phone.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .refine((b) => b.oneTime === undefined || b.password !== undefined, { message: 'only with a password', path: ['oneTime'] });

const bulkPasswordsBody = z
  .object({
    // A township: its village inspectors get their slips together (the township hands them out).
    region: regionCode,
    role: z.literal('inspector'),
    // Also those who chose their own password already (slips lost): they are signed out and start over.
    // By default only the accounts still waiting for one of their own — the initial slips.
    reissue: z.boolean().default(false),
  })
  .strict();

/** A role's region must be of the level it works at (an inspector belongs to a village). */
function assertRoleFitsRegion(db: Db, role: Role, regionCode: string): void {
  const region = findRegion(db, regionCode);
  if (!region) throw new HttpError(400, 'invalid_input', `no region ${regionCode}`, 'regionCode');
  const level = ROLE_LEVEL[role];
  if (level && region.level !== level) {
    throw new HttpError(400, 'invalid_input', `role ${role} must be bound to a ${level}, not a ${region.level}`, 'regionCode');
  }
}

const auditView = (u: User) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  regionCode: u.regionCode,
  active: u.active,
  mustChangePassword: u.mustChangePassword,
});

/** An account as the admin screens see it: the phone masked, never the hash. */
function userView(u: User, cipher: PersonalDataCipher) {
  const { phoneSealed, ...rest } = u;
  return { ...rest, phone: phoneSealed ? maskPhone(cipher.decrypt(phoneSealed)) : null };
}

export const users = new Hono<Env>()
  .get('/', (c) => c.json({ users: listUsers(c.var.db).map((u) => userView(u, c.var.cipher)) }))
  .post('/', validate('json', newUserBody), async (c) => {
    const { password: clear, oneTime, phone: clearPhone, ...body } = c.req.valid('json');
    const { db, cipher } = c.var;
    assertRoleFitsRegion(db, body.role, body.regionCode);
    // '!' matches no password (passwords.ts): the account waits for one.
    const passwordHash = clear === undefined ? '!' : await hashPassword(clear);
    const created = db.transaction(() => {
      if (usernameTaken(db, body.username)) {
        throw new HttpError(409, 'username_taken', `username ${body.username} is taken`, 'username');
      }
      const phoneSealed = clearPhone === undefined ? null : cipher.encrypt(clearPhone);
      const id = insertUser(db, { ...body, passwordHash, mustChangePassword: oneTime, phoneSealed }, new Date(c.var.now()));
      const user = getUser(db, id)!;
      audit(c, { action: 'user.create', entity: 'user', entityId: id, after: auditView(user) }, { address: true });
      return user;
    })();
    return c.json({ user: userView(created, cipher) }, 201);
  })
  .patch('/:id', validate('param', idParam), validate('json', userChangeBody), async (c) => {
    const { id } = c.req.valid('param');
    const { password: newPassword, oneTime, phone: clearPhone, ...change } = c.req.valid('json');
    const { db, user: actor, cipher } = c.var;
    const before = getUser(db, id);
    if (!before) throw new HttpError(404, 'user_not_found', `no user ${id}`, 'id');
    if (id === actor.id && (change.active === false || (change.role && change.role !== 'county_admin'))) {
      throw new HttpError(400, 'invalid_input', 'you cannot lock yourself out', change.active === false ? 'active' : 'role');
    }
    assertRoleFitsRegion(db, change.role ?? before.role, change.regionCode ?? before.regionCode);
    const passwordHash = newPassword ? await hashPassword(newPassword) : undefined;
    const after = db.transaction(() => {
      updateUser(db, id, {
        ...change,
        ...(passwordHash ? { passwordHash, mustChangePassword: oneTime ?? true } : {}),
        ...(clearPhone === undefined ? {} : { phoneSealed: clearPhone === null ? null : cipher.encrypt(clearPhone) }),
      });
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
          after: {
            ...auditView(user),
            ...(passwordHash ? { password: 'changed' } : {}),
            ...(clearPhone === undefined ? {} : { phone: clearPhone === null ? 'removed' : 'changed' }),
          },
        },
        { address: true },
      );
      return user;
    })();
    return c.json({ user: userView(after, cipher) });
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
  })
  /**
   * Sign-in slips for the active village inspectors of a township at once (those still without a
   * password of their own, or with `reissue` every one of them): a fresh random one-time
   * password each, stored only as its hash and marked to be changed at the first sign-in. The clear
   * passwords are in this answer and nowhere else — never stored, never logged; the audit row names
   * whose passwords were set, not what they are.
   */
  .post('/bulk-passwords', validate('json', bulkPasswordsBody), async (c) => {
    const { region: code, role, reissue } = c.req.valid('json');
    const { db, cipher, scope } = c.var;
    const region = findRegion(db, code);
    if (!region || !isWithin(db, code, scope.code)) throw new HttpError(404, 'region_not_found', `no region ${code} in your jurisdiction`, 'region');
    if (region.level !== 'township') throw new HttpError(400, 'invalid_input', `region must be a township, not a ${region.level}`, 'region');
    const holders = usersWithin(db, role, code).filter((u) => reissue || !u.hasPassword || u.mustChangePassword);
    const issued = await Promise.all(
      holders.map(async (u) => {
        const password = oneTimePassword();
        return { user: u, password, hash: await hashPassword(password) };
      }),
    );
    const now = c.var.now();
    db.transaction(() => {
      for (const { user, hash } of issued) {
        updateUser(db, user.id, { passwordHash: hash, mustChangePassword: true });
        revokeUserSessions(db, user.id, now);
      }
      audit(
        c,
        { action: 'user.bulk_passwords', entity: 'region', entityId: code, after: { role, reissue, count: issued.length, usernames: issued.map((i) => i.user.username) } },
        { address: true },
      );
    })();
    return c.json({
      region: { code, name: region.name },
      issuedAt: new Date(now).toISOString(),
      slips: issued.map(({ user: u, password }) => ({
        userId: u.id,
        username: u.username,
        displayName: u.displayName,
        village: { code: u.regionCode, name: u.regionName },
        phone: u.phoneSealed ? maskPhone(cipher.decrypt(u.phoneSealed)) : null,
        password,
      })),
    });
  });
