import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export interface SessionPolicy {
  /** Absolute lifetime of a session. */
  maxAgeMs: number;
  /** A session unused this long expires. */
  idleMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { maxAgeMs: 12 * 3600_000, idleMs: 2 * 3600_000 };

export interface SessionRecord {
  userId: number;
  csrfToken: string;
  expiresAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export function createSession(db: Db, userId: number, now: number, policy: SessionPolicy) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  prepared(
    db,
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(hashToken(token), userId, csrfToken, now, now + policy.maxAgeMs, now);
  return { token, csrfToken, expiresAt: now + policy.maxAgeMs };
}

/** The live session for a cookie token, touched; null when unknown, revoked, expired or idle too long. */
export function findSession(db: Db, token: string, now: number, policy: SessionPolicy): SessionRecord | null {
  const hash = hashToken(token);
  const row = prepared(
    db,
    `SELECT user_id, csrf_token, expires_at, last_seen_at FROM sessions
      WHERE token_hash = ? AND revoked_at IS NULL`,
  ).get(hash) as { user_id: number; csrf_token: string; expires_at: number; last_seen_at: number } | undefined;
  if (!row || row.expires_at <= now || row.last_seen_at + policy.idleMs <= now) return null;
  // Touch at most once a minute: a write per request would serialise every read behind the WAL writer.
  if (now - row.last_seen_at > 60_000) {
    prepared(db, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now, hash);
  }
  return { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export function revokeSession(db: Db, token: string, now: number): void {
  prepared(db, 'UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now, hashToken(token));
}

export function revokeUserSessions(db: Db, userId: number, now: number): number {
  return prepared(db, 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(now, userId)
    .changes;
}

/** Ends every session of the user but the one `keepToken` opened (after they change their own password). */
export function revokeOtherSessions(db: Db, userId: number, keepToken: string, now: number): number {
  return prepared(db, 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?').run(
    now,
    userId,
    hashToken(keepToken),
  ).changes;
}
