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

/** Appends one row; call it inside the same transaction as the change it records. */
export function writeAudit(db: Db, e: AuditEntry, now: Date): void {
  prepared(
    db,
    `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json, reason, ip)
     VALUES (@at, @userId, @username, @action, @entity, @entityId, @before, @after, @reason, @ip)`,
  ).run({
    at: now.toISOString(),
    userId: e.userId,
    username: e.username,
    action: e.action,
    entity: e.entity ?? null,
    entityId: e.entityId === undefined ? null : String(e.entityId),
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    reason: e.reason ?? null,
    ip: e.ip ?? null,
  });
}

export interface AuditQuery {
  action?: string;
  username?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
}

export function queryAudit(db: Db, q: AuditQuery): { total: number; entries: AuditRow[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
  if (q.action) (where.push('action = @action'), (params.action = q.action));
  if (q.username) (where.push('username = @username'), (params.username = q.username));
  if (q.entity) (where.push('entity = @entity'), (params.entity = q.entity));
  if (q.entityId) (where.push('entity_id = @entityId'), (params.entityId = q.entityId));
  if (q.from) (where.push('at >= @from'), (params.from = q.from));
  if (q.to) (where.push('at <= @to'), (params.to = q.to));
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (prepared(db, `SELECT count(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
  const rows = prepared(
    db,
    `SELECT id, at, user_id, username, action, entity, entity_id, before_json, after_json, reason, ip
       FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
  ).all(params) as Record<string, any>[];
  return {
    total,
    entries: rows.map((r) => ({
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
    })),
  };
}
