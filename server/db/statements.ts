import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * Prepared once per database and SQL text. Filters build SQL from a small set of shapes,
 * so the cache stays small while every query is still a prepared statement.
 */
export function prepared(db: Db, sql: string): Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
