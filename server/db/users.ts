import type { Role } from '../domain/roles.ts';
import type { Db } from './connection.ts';
import type { RegionLevel } from './household-filter.ts';
import { prepared } from './statements.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionLevel: RegionLevel;
  regionName: string;
  active: boolean;
  createdAt: string;
  /** False for an account nobody set a password for yet (a seeded village inspector): it cannot sign in. */
  hasPassword: boolean;
  /** Signed in with a password someone else chose: only the password change is open until it is changed. */
  mustChangePassword: boolean;
  /** The mobile number, sealed (personal-data.ts); routes show it masked. */
  phoneSealed: Buffer | null;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  region_code: string;
  region_level: RegionLevel;
  region_name: string;
  active: number;
  created_at: string;
  password_hash: string;
  must_change_password: number;
  phone_enc: Buffer | null;
}

const SELECT = `SELECT u.*, r.level AS region_level, r.name AS region_name
                  FROM users u JOIN regions r ON r.code = u.region_code`;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    regionCode: r.region_code,
    regionLevel: r.region_level,
    regionName: r.region_name,
    active: r.active === 1,
    createdAt: r.created_at,
    // '!' (the seeder's) or any other non-scrypt value matches no password (passwords.ts).
    hasPassword: r.password_hash.startsWith('scrypt$'),
    mustChangePassword: r.must_change_password === 1,
    phoneSealed: r.phone_enc,
  };
}

export function findUserForLogin(db: Db, username: string): (User & { passwordHash: string }) | null {
  const r = prepared(db, `${SELECT} WHERE u.username = ?`).get(username) as UserRow | undefined;
  return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
}

export function getUser(db: Db, id: number): User | null {
  const r = prepared(db, `${SELECT} WHERE u.id = ?`).get(id) as UserRow | undefined;
  return r ? toUser(r) : null;
}

export function listUsers(db: Db): User[] {
  return (prepared(db, `${SELECT} ORDER BY u.id`).all() as UserRow[]).map(toUser);
}

/** The active accounts of one role in a region and below it (a township's village inspectors), by region then name. */
export function usersWithin(db: Db, role: Role, regionCode: string): User[] {
  return (
    prepared(
      db,
      `${SELECT} WHERE u.role = @role AND u.active = 1 AND u.region_code IN (
         WITH RECURSIVE down(code) AS (SELECT @region UNION SELECT reg.code FROM regions reg JOIN down ON reg.parent_code = down.code)
         SELECT code FROM down)
       ORDER BY u.region_code, u.username`,
    ).all({ role, region: regionCode }) as UserRow[]
  ).map(toUser);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  passwordHash: string;
  mustChangePassword: boolean;
  phoneSealed: Buffer | null;
}

/** Whether an account of this name exists (active or not: a name is never reused). */
export function usernameTaken(db: Db, username: string): boolean {
  return prepared(db, 'SELECT 1 FROM users WHERE username = ?').get(username) !== undefined;
}

export function insertUser(db: Db, u: NewUser, now: Date): number {
  return Number(
    prepared(
      db,
      `INSERT INTO users (username, display_name, role, region_code, password_hash, must_change_password, phone_enc, active, created_at)
       VALUES (@username, @displayName, @role, @regionCode, @passwordHash, @mustChange, @phone, 1, @createdAt)`,
    ).run({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      regionCode: u.regionCode,
      passwordHash: u.passwordHash,
      mustChange: u.mustChangePassword ? 1 : 0,
      phone: u.phoneSealed,
      createdAt: now.toISOString(),
    }).lastInsertRowid,
  );
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  regionCode?: string;
  active?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
  /** A new sealed number, or null to remove it. */
  phoneSealed?: Buffer | null;
}

export function updateUser(db: Db, id: number, change: UserChange): void {
  prepared(
    db,
    `UPDATE users SET
       display_name  = coalesce(@displayName, display_name),
       role          = coalesce(@role, role),
       region_code   = coalesce(@regionCode, region_code),
       active        = coalesce(@active, active),
       password_hash = coalesce(@passwordHash, password_hash),
       must_change_password = coalesce(@mustChange, must_change_password),
       phone_enc     = CASE WHEN @setPhone THEN @phone ELSE phone_enc END
     WHERE id = @id`,
  ).run({
    id,
    displayName: change.displayName ?? null,
    role: change.role ?? null,
    regionCode: change.regionCode ?? null,
    active: change.active === undefined ? null : change.active ? 1 : 0,
    passwordHash: change.passwordHash ?? null,
    mustChange: change.mustChangePassword === undefined ? null : change.mustChangePassword ? 1 : 0,
    setPhone: change.phoneSealed === undefined ? 0 : 1,
    phone: change.phoneSealed ?? null,
  });
}

/** The holder's own new password: stored, and the must-change mark cleared. */
export function setOwnPassword(db: Db, id: number, passwordHash: string): void {
  prepared(db, 'UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(passwordHash, id);
}
