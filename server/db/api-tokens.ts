import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

/** What every token starts with, so a leaked one is recognised for what it is (by people and secret scanners). */
export const TOKEN_PREFIX = 'anju_';

/** A token as its owner sees it in the list: never the token itself (it is not stored). */
export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  createdAt: iso(r.created_at)!,
  expiresAt: iso(r.expires_at)!,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

const hashToken = (token: string) => createHash('sha256').update(token).digest();
const COLUMNS = 'id, user_id, name, created_at, expires_at, last_used_at, revoked_at';

/** Makes a token: 32 random bytes, shown once in the answer; only its SHA-256 is kept. */
export function createApiToken(db: Db, userId: number, name: string, now: number, expiresAt: number): { token: string; record: ApiToken } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const { lastInsertRowid } = prepared(
    db,
    'INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(userId, name, hashToken(token), now, expiresAt);
  return { token, record: getApiToken(db, Number(lastInsertRowid))! };
}

export function getApiToken(db: Db, id: number): ApiToken | null {
  const r = prepared(db, `SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`).get(id) as TokenRow | undefined;
  return r ? toToken(r) : null;
}

/** A user's tokens, newest first: the live ones and those expired or revoked, so the owner sees what ended. */
export function listApiTokens(db: Db, userId: number): ApiToken[] {
  return (prepared(db, `SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC`).all(userId) as TokenRow[]).map(toToken);
}

/** How many of the user's tokens still open the OGC API (neither revoked nor expired). */
export function countLiveApiTokens(db: Db, userId: number, now: number): number {
  return (prepared(db, 'SELECT count(*) AS n FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?').get(userId, now) as { n: number }).n;
}

/** Revokes a token (no-op when it already is); true when this call revoked it. */
export function revokeApiToken(db: Db, id: number, by: number, now: number): boolean {
  return prepared(db, 'UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(now, by, id).changes === 1;
}

/** What a presented token is: unknown, or the stored record with its state, for the caller to judge. */
export type TokenLookup = { found: false } | { found: true; token: ApiToken; expiresAt: number; revoked: boolean };

/**
 * Looks a presented token up by its hash, whatever its state, so the answer can say which it is
 * (expired, revoked). Touches `last_used_at` at most once a minute — a write per request would put
 * every read of a GIS client's paging behind the WAL writer — and only for a live token.
 */
export function findApiToken(db: Db, token: string, now: number): TokenLookup {
  const hash = hashToken(token);
  const r = prepared(db, `SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = ?`).get(hash) as TokenRow | undefined;
  if (!r) return { found: false };
  const live = r.revoked_at === null && r.expires_at > now;
  if (live && (r.last_used_at === null || now - r.last_used_at > 60_000)) {
    prepared(db, 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, r.id);
    r.last_used_at = now;
  }
  return { found: true, token: toToken(r), expiresAt: r.expires_at, revoked: r.revoked_at !== null };
}
