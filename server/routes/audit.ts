import { Hono } from 'hono';
import { z } from 'zod';
import { queryAudit, verifyAuditLog } from '../db/audit.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'must be an ISO date or timestamp');

export const auditQuery = z
  .object({
    action: z.string().max(64).optional(),
    username: z.string().max(64).optional(),
    entity: z.string().max(32).optional(),
    entityId: z.string().max(64).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Read-only: the audit log has no route that edits or deletes (and triggers forbid it anyway). */
export const audit = new Hono<Env>()
  .get('/', validate('query', auditQuery), (c) => c.json(queryAudit(c.var.db, c.req.valid('query'))))
  // Walks the hash chain: { ok, rows, firstBroken: { id, reason } | null, head }.
  .get('/verify', (c) => c.json(verifyAuditLog(c.var.db)));
