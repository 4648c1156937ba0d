import { auditRowHash, GENESIS_HASH, verifyChain, type AuditRecord, type ChainReport } from '../domain/audit-chain.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export interface AuditEntry {
  userId: number | null;
  username: string | null;
  action: string;
  entity?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
  reason?: string;
  ip?: string | null;
}

/**
 * Appends one row, chained to the last: call it inside the same transaction as the change it records.
 * The head is read and the row written in one transaction (a savepoint inside the caller's), and
 * SQLite has one writer, so two writers can never both extend the same head; the append-only trigger
 * refuses a row that does not link to the head anyway.
 */
export function writeAudit(db: Db, e: AuditEntry, now: Date): void {
  const row = {
    at: now.toISOString(),
    userId: e.userId,
    username: e.username,
    action: e.action,
    entity: e.entity ?? null,
    entityId: e.entityId === undefined ? null : String(e.entityId),
    beforeJson: e.before === undefined ? null : JSON.stringify(e.before),
    afterJson: e.after === undefined ? null : JSON.stringify(e.after),
    reason: e.reason ?? null,
    ip: e.ip ?? null,
  };
  const append = () => {
    const head = prepared(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
    const id = (head?.id ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    prepared(
      db,
      `INSERT INTO audit_log (id, at, user_id, username, action, entity, entity_id, before_json, after_json, reason, ip, prev_hash, hash)
       VALUES (@id, @at, @userId, @username, @action, @entity, @entityId, @beforeJson, @afterJson, @reason, @ip, @prevHash, @hash)`,
    ).run({ ...row, id, prevHash, hash: auditRowHash(prevHash, { id, ...row }) });
  };
  // Alone (a failed sign-in), take the write lock before reading the head: BEGIN IMMEDIATE.
  if (db.inTransaction) append();
  else db.transaction(append).immediate();
}

/** Checks the whole chain, oldest first (streamed: the log may be long). */
export function verifyAuditLog(db: Db): ChainReport {
  const rows = prepared(
    db,
    `SELECT id, at, user_id AS userId, username, action, entity, entity_id AS entityId, before_json AS beforeJson,
            after_json AS afterJson, reason, ip, prev_hash AS prevHash, hash
       FROM audit_log ORDER BY id`,
  ).iterate() as IterableIterator<AuditRecord & { prevHash: string | null; hash: string | null }>;
  return verifyChain(rows);
}

/** Which audit rows: the log's filters. */
export interface AuditFilter {
  action?: string;
  username?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export interface AuditQuery extends AuditFilter {
  limit: number;
  offset: number;
}

/** A stored audit record as the API shows it: before/after parsed from their JSON. */
export type AuditRow = Omit<AuditRecord, 'beforeJson' | 'afterJson'> & { before: unknown; after: unknown };

function auditWhere(q: AuditFilter): { clause: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.action) (where.push('action = @action'), (params.action = q.action));
  if (q.username) (where.push('username = @username'), (params.username = q.username));
  if (q.entity) (where.push('entity = @entity'), (params.entity = q.entity));
  if (q.entityId) (where.push('entity_id = @entityId'), (params.entityId = q.entityId));
  if (q.from) (where.push('at >= @from'), (params.from = q.from));
  if (q.to) (where.push('at <= @to'), (params.to = q.to));
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function countAudit(db: Db, q: AuditFilter): number {
  const { clause, params } = auditWhere(q);
  return (prepared(db, `SELECT count(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
}

/**
 * The audit rows of a filter, newest first, read one at a time: a page for the audit screen, all of
 * them for the export (the log may be long).
 */
export function* auditRows(db: Db, q: AuditFilter, page: { limit: number; offset: number } = { limit: -1, offset: 0 }): Generator<AuditRow> {
  const { clause, params } = auditWhere(q);
  const rows = prepared(
    db,
    `SELECT id, at, user_id, username, action, entity, entity_id, before_json, after_json, reason, ip
       FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
  ).iterate({ ...params, ...page }) as IterableIterator<Record<string, any>>;
  for (const r of rows) {
    yield {
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
      reason: r.reason,
      ip: r.ip,
    };
  }
}

export function queryAudit(db: Db, q: AuditQuery): { total: number; entries: AuditRow[] } {
  const { limit, offset, ...filter } = q;
  return { total: countAudit(db, filter), entries: [...auditRows(db, filter, { limit, offset })] };
}
