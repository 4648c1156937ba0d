import { Hono } from 'hono';
import { visibleAlert, type Alert } from '../db/alerts.ts';
import { dispatchBatch, type DispatchBatch, type DispatchCandidate } from '../db/dispatch.ts';
import { previewDispatch } from '../db/dispatch-preview.ts';
import { findDispatchRule } from '../db/dispatch-rules.ts';
import { listHouseSites } from '../db/households.ts';
import { listTasks } from '../db/patrol-tasks.ts';
import { patrolled as patrolledCount, stopResults, stopResultsOf } from '../db/patrol-coverage.ts';
import type { DispatchRule } from '../domain/dispatch-rules.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, validate } from '../http/validate.ts';
import { selectedOffLoop } from '../workers/exposure.ts';
import type { Context } from 'hono';

/** An alert the caller sees and the dispatch rule for its type and level. */
function alertAndRule(c: Context<Env>, alertId: number) {
  const { db, scope } = c.var;
  const now = new Date(c.var.now());
  const alert = visibleAlert(db, alertId, scope, now);
  if (!alert) throw new HttpError(404, 'alert_not_found', `no alert ${alertId}`, 'id');
  const rule = findDispatchRule(db, alert.type, alert.level);
  if (!rule) throw new HttpError(409, 'no_dispatch_rule', `no dispatch rule for ${alert.type} ${alert.level}`, 'id');
  return { alert, rule, now };
}

/**
 * The houses the rule selects inside the alert's zone and the caller's jurisdiction, each with its risk
 * under the alert (routes visit the riskiest first: domain/risk-bands.ts); the zone is read on the pool.
 */
async function selectedSites(c: Context<Env>, alert: Alert, rule: DispatchRule) {
  const { db, scope, pool, user } = c.var;
  const { ids, risks } = await selectedOffLoop(db, pool, alert, scope, rule, { user: user.id, signal: c.req.raw.signal });
  const risk = new Map(ids.map((id, i) => [id, risks[i]!]));
  return listHouseSites(db, { scope, ids }).map((s) => ({ ...s, risk: risk.get(s.householdId) ?? null }));
}

/**
 * The houses the alert's rule selects in the zone and the jurisdiction, riskiest first: the board's
 * coverage counts their stops (db/patrol-coverage.ts), the coverage export lists them (db/alert-coverage.ts).
 */
export async function alertCoverage(c: Context<Env>, alertId: number) {
  const { alert, rule } = alertAndRule(c, alertId);
  const sites = (await selectedSites(c, alert, rule)).sort((a, b) => (b.risk ?? -1) - (a.risk ?? -1) || a.householdId - b.householdId);
  return { alertId, rule, sites };
}

/** The batch an alert's dispatch creates or extends, due the rule's hours from now. */
function alertBatch(c: Context<Env>, id: number, rule: DispatchRule, sites: DispatchCandidate[], now: Date): DispatchBatch {
  const dueAt = new Date(now.getTime() + rule.dueHours * 3600_000).toISOString();
  return { batchKey: `alert:${id}`, alertId: id, dueAt, createdBy: c.var.user.id, candidates: sites, now, pace: c.var.pace };
}

/**
 * POST /alerts/:id/dispatch — patrol tasks for the houses the rules select in the zone, one per
 * village. Idempotent: again (or twenty times at once) returns the same tasks; houses that newly fall
 * in an extended zone are added.
 */
export const alertDispatch = new Hono<Env>()
  .post('/:id/dispatch', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { alert, rule, now } = alertAndRule(c, id);
    if (alert.status !== 'active') throw new HttpError(409, 'alert_not_active', `alert ${id} is ${alert.status}`, 'id');
    // Read before this batch's turn (dispatch.ts): the batch is read again, and only houses not yet in it are planned.
    const sites = await selectedSites(c, alert, rule);
    const { db, user, pool } = c.var;
    // The routes are planned on the worker pool; the writes and their audit row are one transaction here.
    const result = await dispatchBatch(
      db,
      alertBatch(c, id, rule, sites, now),
      (input) => pool.run('dispatch', input, { user: user.id, signal: c.req.raw.signal }),
      (r) => audit(c, { action: 'dispatch.alert', entity: 'alert', entityId: id, after: { ...r, selected: sites.length, rule } }, { now }),
    );
    const tasks = listTasks(db, c.var.scope, { alertId: id }, now);
    return c.json({ alertId: id, rule, selected: sites.length, ...result, tasks }, result.created.length > 0 ? 201 : 200);
  })
  /**
   * What POST /:id/dispatch would create now — the same selection, read and plan (on the pool) —
   * without writing: houses per village and grade, tasks, who goes, what nobody can take.
   */
  .post('/:id/dispatch/preview', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { alert, rule, now } = alertAndRule(c, id);
    if (alert.status !== 'active') throw new HttpError(409, 'alert_not_active', `alert ${id} is ${alert.status}`, 'id');
    const sites = await selectedSites(c, alert, rule);
    const { db, user, pool } = c.var;
    const preview = await previewDispatch(db, alertBatch(c, id, rule, sites, now), sites, (input) =>
      pool.run('dispatch', input, { user: user.id, signal: c.req.raw.signal }),
    );
    return c.json({ alertId: id, rule, selected: sites.length, ...preview });
  })
  // Coverage for the dispatch board: of the houses the rule selects, how many have a task, and how many were seen.
  .get('/:id/coverage', validate('param', idParam), async (c) => {
    const { alertId: id, rule, sites } = await alertCoverage(c, c.req.valid('param').id);
    const batch = `alert:${id}`;
    const { dispatched, byResult } = stopResultsOf(stopResults(c.var.db, [batch], { houseIds: sites.map((s) => s.houseId) }), batch);
    const patrolled = patrolledCount({ dispatched, byResult });
    return c.json({ alertId: id, rule, selected: sites.length, dispatched, undispatched: sites.length - dispatched, patrolled, pending: sites.length - patrolled, byResult });
  });
