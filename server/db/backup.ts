// The database side of `npm run backup` and `npm run restore` (server/cli/): SQLite's online backup
// API for the copy, and the checks a file must pass before it may replace a county's database.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { knownMigrations } from './connection.ts';

/**
 * Copies a database that a running server may be writing, with SQLite's online backup API (better-sqlite3
 * `db.backup`): the copy is one consistent moment of it — every transaction committed before, none
 * after, none in part. The copy is then made self-contained (rollback journal, not WAL) and checked.
 */
export async function backupDatabase(source: string, out: string): Promise<{ pages: number; bytes: number }> {
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    // After the first step, everything left in one step: a write by the server between steps would
    // restart the copy, and in WAL mode one step reads a snapshot without holding the writer back.
    await db.backup(out, {
      progress: ({ totalPages, remainingPages }) => {
        pages = totalPages;
        return Math.max(remainingPages, 1);
      },
    });
  } finally {
    db.close();
  }
  const copy = new Database(out, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const problem = integrityProblem(copy);
    if (problem) throw new Error(`the copy failed its integrity check: ${problem}`);
  } finally {
    copy.close();
  }
  return { pages, bytes: statSync(out).size };
}

/** What a file to restore holds, or why it must not be restored. */
export type BackupCheck =
  | { ok: true; migrations: string[]; households: number; sealedSample: Buffer | null }
  | { ok: false; problem: string };

/** Opens the file read-only and checks it is a whole Anju database this build can serve. */
export function checkBackup(path: string): BackupCheck {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    return { ok: false, problem: `cannot open ${path}: ${(err as Error).message}` };
  }
  try {
    let problem: string | null;
    try {
      problem = integrityProblem(db);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') return { ok: false, problem: `${path} is not an SQLite database` };
      return { ok: false, problem: `${path} is damaged: ${(err as Error).message}` };
    }
    if (problem) return { ok: false, problem: `${path} is damaged (integrity_check: ${problem})` };
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('schema_migrations') || !tables.has('households')) {
      return { ok: false, problem: `${path} is an SQLite database but not an Anju one (no schema_migrations or households table)` };
    }
    const migrations = (db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    const known = new Set(knownMigrations());
    const unknown = migrations.filter((m) => !known.has(m));
    if (unknown.length > 0) {
      return { ok: false, problem: `${path} was made by a newer Anju (migrations unknown here: ${unknown.join(', ')}): update Anju first` };
    }
    const households = (db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
    const sample = db.prepare('SELECT id_card_enc AS sealed FROM households LIMIT 1').get() as { sealed: Buffer } | undefined;
    return { ok: true, migrations, households, sealedSample: sample?.sealed ?? null };
  } finally {
    db.close();
  }
}

/** The first problem `PRAGMA integrity_check` reports, or null when it says ok. */
function integrityProblem(db: Database.Database): string | null {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.length === 1 && rows[0]!.integrity_check === 'ok' ? null : (rows[0]?.integrity_check ?? 'no answer');
}
