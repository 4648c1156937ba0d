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

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  passwordHash: string;
}

export function insertUser(db: Db, u: NewUser, now: Date): number {
  return Number(
    prepared(
      db,
      `INSERT INTO users (username, display_name, role, region_code, password_hash, active, created_at)
       VALUES (@username, @displayName, @role, @regionCode, @passwordHash, 1, @createdAt)`,
    ).run({ ...u, createdAt: now.toISOString() }).lastInsertRowid,
  );
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  regionCode?: string;
  active?: boolean;
  passwordHash?: string;
}

export function updateUser(db: Db, id: number, change: UserChange): void {
  prepared(
    db,
    `UPDATE users SET
       display_name  = coalesce(@displayName, display_name),
       role          = coalesce(@role, role),
       region_code   = coalesce(@regionCode, region_code),
       active        = coalesce(@active, active),
       password_hash = coalesce(@passwordHash, password_hash)
     WHERE id = @id`,
  ).run({
    id,
    displayName: change.displayName ?? null,
    role: change.role ?? null,
    regionCode: change.regionCode ?? null,
    active: change.active === undefined ? null : change.active ? 1 : 0,
    passwordHash: change.passwordHash ?? null,
  });
}
