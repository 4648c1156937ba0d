import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditRowHash } from '../domain/audit-chain.ts';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating if needed) the database, with WAL and foreign keys, and applies pending migrations. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Folds the WAL back into the database file and empties it: what stays on disk is one self-contained file. */
export function checkpointAndTruncate(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * A read-only connection to a database another connection keeps migrated and writes: a worker
 * thread's (server/workers/exposure.ts). WAL lets it read while the writer writes.
 */
export function openReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * SQL functions our migrations use, on whatever connection runs them: audit_hash seals the audit rows
 * written before the chain existed (007).
 */
function registerFunctions(db: Db): void {
  db.function('audit_hash', { deterministic: true }, (prevHash, id, at, userId, username, action, entity, entityId, beforeJson, afterJson, reason, ip) =>
    auditRowHash(prevHash as string, {
      id: id as number,
      at: at as string,
      userId: userId as number | null,
      username: username as string | null,
      action: action as string,
      entity: entity as string | null,
      entityId: entityId as string | null,
      beforeJson: beforeJson as string | null,
      afterJson: afterJson as string | null,
      reason: reason as string | null,
      ip: ip as string | null,
    }),
  );
}

/** The migrations this build knows (NNN-name.sql), in order: a database that recorded another one was made by a newer Anju. */
export function knownMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort();
}

/** Applies numbered migrations (NNN-name.sql) not yet recorded, each in its own transaction. */
export function migrate(db: Db): string[] {
  registerFunctions(db);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  const pending = knownMigrations().filter((f) => !applied.has(f));
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const name of pending) {
    const sql = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      record.run(name, new Date().toISOString());
    })();
  }
  return pending;
}
