import { Hono } from 'hono';
import { exposureOf } from '../db/alert-exposure.ts';
import { visibleAlert } from '../db/alerts.ts';
import { dispatchBatch } from '../db/dispatch.ts';
import { findDispatchRule } from '../db/dispatch-rules.ts';
import { listHouseSites } from '../db/households.ts';
import { listTasks } from '../db/patrol-tasks.ts';
import { prepared } from '../db/statements.ts';
import { selectsHouse } from '../domain/dispatch-rules.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, validate } from '../http/validate.ts';
import type { Context } from 'hono';

/** The houses an alert's dispatch rule selects inside its zone and the caller's jurisdiction. */
function selectedSites(c: Context<Env>, alertId: number) {
  const { db, scope } = c.var;
  const now = new Date(c.var.now());
  const alert = visibleAlert(db, alertId, scope, now);
  if (!alert) throw new HttpError(404, 'alert_not_found', `no alert ${alertId}`, 'id');
  const rule = findDispatchRule(db, alert.type, alert.level);
  if (!rule) throw new HttpError(409, 'no_dispatch_rule', `no dispatch rule for ${alert.type} ${alert.level}`, 'id');
  const exposed = exposureOf(db, alert, scope, Number.MAX_SAFE_INTEGER).households.filter((h) => selectsHouse(rule, h));
  const sites = listHouseSites(db, { scope, ids: exposed.map((h) => h.id) });
  return { alert, rule, sites, now };
}

/**
 * POST /alerts/:id/dispatch — patrol tasks for the houses the rules select in the zone, one per
 * village. Idempotent: again (or twenty times at once) returns the same tasks; houses that newly fall
 * in an extended zone are added.
 */
export const alertDispatch = new Hono<Env>()
  .post('/:id/dispatch', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { alert, rule, sites, now } = selectedSites(c, id);
    if (alert.status !== 'active') throw new HttpError(409, 'alert_not_active', `alert ${id} is ${alert.status}`, 'id');
    const { db, user, pool } = c.var;
    const batchKey = `alert:${id}`;
    // The routes are planned on the worker pool; the writes and their audit row are one transaction here.
    const result = await dispatchBatch(
      db,
      { batchKey, alertId: id, dueAt: new Date(now.getTime() + rule.dueHours * 3600_000).toISOString(), createdBy: user.id, candidates: sites, now },
      (villages) => pool.run('dispatch', villages, { user: user.id, signal: c.req.raw.signal }),
      (r) => audit(c, { action: 'dispatch.alert', entity: 'alert', entityId: id, after: { ...r, selected: sites.length, rule } }, { now }),
    );
    const tasks = listTasks(db, c.var.scope, { alertId: id }, now);
    return c.json({ alertId: id, rule, selected: sites.length, ...result, tasks }, result.created.length > 0 ? 201 : 200);
  })
  // Coverage for the dispatch board: of the houses the rule selects, how many have a task, and how many were seen.
  .get('/:id/coverage', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const { rule, sites } = selectedSites(c, id);
    const houseIds = JSON.stringify(sites.map((s) => s.houseId));
    const rows = prepared(
      c.var.db,
      `SELECT s.result, count(*) AS n FROM patrol_stops s
        WHERE s.batch_key = @batch AND s.house_id IN (SELECT value FROM json_each(@houses)) GROUP BY s.result`,
    ).all({ batch: `alert:${id}`, houses: houseIds }) as { result: string | null; n: number }[];
    const byResult = { safe: 0, hazard: 0, uninhabitable: 0 };
    let dispatched = 0;
    for (const r of rows) {
      dispatched += r.n;
      if (r.result) byResult[r.result as keyof typeof byResult] += r.n;
    }
    const patrolled = byResult.safe + byResult.hazard + byResult.uninhabitable;
    return c.json({ alertId: id, rule, selected: sites.length, dispatched, undispatched: sites.length - dispatched, patrolled, pending: sites.length - patrolled, byResult });
  });
