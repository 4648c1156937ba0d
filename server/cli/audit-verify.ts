// npm run audit:verify -- --db data/anju.db
// Checks the audit log's hash chain of a database file without starting the server (read-only: no
// migration, no write), prints { ok, rows, firstBroken, head } as JSON, and exits 1 when it is broken.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { verifyAuditLog } from '../db/audit.ts';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const path = values.db ?? loadConfig().dbPath;
if (!existsSync(path)) {
  console.error(`no database at ${path} (pass --db <file>)`);
  process.exit(2);
}
const db = new Database(path, { readonly: true, fileMustExist: true });
try {
  const report = verifyAuditLog(db);
  console.log(JSON.stringify(report));
  process.exitCode = report.ok ? 0 : 1;
} catch (err) {
  // e.g. a database from before migration 007 has no hash columns yet
  console.error(`cannot verify ${path}: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
} finally {
  db.close();
}
