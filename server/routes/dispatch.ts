import { Hono } from 'hono';
import { z } from 'zod';
import { dispatchBatch, type DispatchCandidate } from '../db/dispatch.ts';
import { listHouseSites } from '../db/households.ts';
import { listTasks } from '../db/patrol-tasks.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const manualBody = z
  .object({
    householdIds: z.array(z.number().int().positive()).min(1).max(5000),
    dueHours: z.number().positive().max(24 * 14),
    // The client's key for this selection: resending it (a double click, a retry) dispatches once.
    idempotencyKey: z.string().regex(/^[\w-]{8,64}$/, '8–64 letters, digits, _ or -'),
  })
  .strict();

/** Manual dispatch for a lasso selection of houses (all in the caller's jurisdiction). */
export const dispatch = new Hono<Env>().post('/manual', validate('json', manualBody), async (c) => {
  const body = c.req.valid('json');
  const { db, user, pool } = c.var;
  const now = new Date(c.var.now());
  const sites = listHouseSites(db, { scope: c.var.scope, ids: body.householdIds });
  if (sites.length !== new Set(body.householdIds).size) {
    const found = new Set(sites.map((s) => s.householdId));
    const missing = body.householdIds.find((id) => !found.has(id));
    throw new HttpError(404, 'household_not_found', `no household ${missing}`, 'householdIds');
  }
  const batchKey = `manual:${body.idempotencyKey}`;
  // A lasso has no hazard to score risk against: its stops form one band, ordered by distance alone.
  const candidates: DispatchCandidate[] = sites.map((s) => ({ ...s, risk: null }));
  // The routes are planned on the worker pool; the writes and their audit row are one transaction here.
  const result = await dispatchBatch(
    db,
    { batchKey, alertId: null, dueAt: new Date(now.getTime() + body.dueHours * 3600_000).toISOString(), createdBy: user.id, candidates, now, pace: c.var.pace },
    (input) => pool.run('dispatch', input, { user: user.id, signal: c.req.raw.signal }),
    (r) => audit(c, { action: 'dispatch.manual', entity: 'dispatch', entityId: batchKey, after: { ...r, households: body.householdIds.length } }, { now }),
  );
  const tasks = listTasks(db, c.var.scope, {}, now).filter((t) => t.batchKey === batchKey);
  return c.json({ batchKey, ...result, tasks }, result.created.length > 0 ? 201 : 200);
});
