import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { seesOnlyOwnTasks } from '../domain/roles.ts';
import { assertAssignable, reorderTask } from '../db/dispatch.ts';
import { reportStop } from '../db/patrol-reports.ts';
import { getTask, listStops, listTasks, setTaskAssignee, setTaskStatus, type PatrolTask, type TaskQuery } from '../db/patrol-tasks.ts';
import { HAZARD_ITEMS, NOT_VISITED_REASONS, STOP_RESULTS } from '../domain/hazards.ts';
import { canMove, openStops, TASK_STATUSES } from '../domain/task-states.ts';
import { SCHEDULED_KINDS, TASK_KINDS } from '../domain/task-kinds.ts';
import { scheduledCapacityMinutes } from '../domain/schedules.ts';
import { routeGpx } from '../domain/gpx.ts';
import { fitFor } from '../domain/patrol-capacity.ts';
import { budgetMinutes, routeMinutes } from '../domain/patrol-pace.ts';
import { patrolPeople } from '../db/patrol-people.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { booleanParam, csvEnum, idParam, validate } from '../http/validate.ts';

export const taskQuery = z
  .object({
    alertId: z.coerce.number().int().positive().optional(),
    kind: csvEnum(TASK_KINDS).optional(),
    status: csvEnum(TASK_STATUSES).optional(),
    overdue: booleanParam.optional(),
    mine: booleanParam.optional(),
  })
  .strict();

const taskChange = z
  .object({
    status: z.enum(TASK_STATUSES).optional(),
    assigneeId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assigneeId !== undefined, 'nothing to change');

const stopParams = z.object({
  id: idParam.shape.id,
  stopId: idParam.shape.id,
});

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a photo sha256 from POST /api/photos');

const notVisited = z
  .object({
    reason: z.enum(NOT_VISITED_REASONS),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((n) => n.reason !== 'other' || (n.note ?? '').length > 0, { message: 'say why when the reason is “other”', path: ['note'] });

const stopReport = z
  .object({
    result: z.enum(STOP_RESULTS).optional(),
    // Instead of a result: why the house could not be visited (不在家 / 无法到达 / 其他 + note).
    notVisited: notVisited.optional(),
    hazards: z.array(z.enum(HAZARD_ITEMS)).max(HAZARD_ITEMS.length).default([]),
    notes: z.string().trim().max(2000).optional(),
    gps: z
      .object({
        lon: z.number().min(-180).max(180),
        lat: z.number().min(-90).max(90),
        accuracyM: z.number().min(0).max(100_000).optional(),
      })
      .strict()
      .optional(),
    observedAt: z.iso.datetime({ offset: true }),
    photos: z.array(sha256).max(10).default([]),
    idempotencyKey: z.string().min(8).max(100),
  })
  .strict()
  .refine((r) => r.result !== undefined || r.notVisited !== undefined, { message: 'give a result, or notVisited with a reason', path: ['result'] })
  .refine((r) => r.result === undefined || r.notVisited === undefined, { message: 'a result and notVisited exclude each other', path: ['notVisited'] })
  .refine((r) => r.notVisited === undefined || r.hazards.length === 0, { message: 'a house not visited has no checklist', path: ['hazards'] })
  .refine((r) => r.result !== 'hazard' || r.hazards.length > 0, {
    message: 'a hazard report names at least one checklist item',
    path: ['hazards'],
  });

/** The list's filter: an inspector sees the tasks assigned to them; others every task in their jurisdiction. */
export function toTaskQuery(c: Context<Env>, { mine, ...q }: z.infer<typeof taskQuery>): TaskQuery {
  const assigneeId = mine || seesOnlyOwnTasks(c.var.user.role) ? c.var.user.id : undefined;
  return { ...q, ...(assigneeId ? { assigneeId } : {}) };
}

/**
 * The task `id` as the caller may see it — in their jurisdiction and, for an inspector, assigned to
 * them — or 404, as for a task that does not exist.
 */
function visibleTask(c: Context<Env>, id: number, now: Date): PatrolTask {
  const { db, user, scope } = c.var;
  const task = getTask(db, id, scope, now, seesOnlyOwnTasks(user.role) ? user.id : undefined);
  if (!task) throw new HttpError(404, 'task_not_found', `no task ${id}`, 'id');
  return task;
}

export const tasks = new Hono<Env>()
  .get('/', validate('query', taskQuery), (c) => {
    return c.json({ tasks: listTasks(c.var.db, c.var.scope, toTaskQuery(c, c.req.valid('query')), new Date(c.var.now())) });
  })
  .get('/:id', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const task = visibleTask(c, id, new Date(c.var.now()));
    return c.json({ task, stops: listStops(c.var.db, id) });
  })
  .get('/:id/gpx', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const task = visibleTask(c, id, new Date(c.var.now()));
    c.header('Content-Type', 'application/gpx+xml; charset=UTF-8');
    c.header('Content-Disposition', `attachment; filename="patrol-${id}.gpx"`);
    return c.body(routeGpx(task, listStops(c.var.db, id)));
  })
  .patch('/:id', validate('param', idParam), validate('json', taskChange), (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const { db, user } = c.var;
    const now = new Date(c.var.now());
    const task = visibleTask(c, id, now);
    if (user.role === 'inspector' && change.assigneeId !== undefined) throw new HttpError(403, 'forbidden', 'inspectors cannot reassign');
    if (change.status && change.status !== task.status && !canMove(task.status, change.status)) {
      throw new HttpError(409, 'invalid_transition', `a ${task.status} task cannot become ${change.status}`, 'status');
    }
    const open = openStops(task);
    if (change.status === 'completed' && change.status !== task.status && open > 0) {
      throw new HttpError(409, 'stops_open', `${open} of ${task.stopCount} stops have neither a result nor a reason for not visiting`, 'status');
    }
    if (change.status === 'reviewed' && user.role === 'inspector') throw new HttpError(403, 'forbidden', 'inspectors cannot review');
    if (change.assigneeId !== undefined) assertAssignable(db, change.assigneeId, task.villageCode, now.toISOString().slice(0, 10));
    db.transaction(() => {
      if (change.status && change.status !== task.status) setTaskStatus(db, id, change.status, now);
      if (change.assigneeId !== undefined) setTaskAssignee(db, id, change.assigneeId, now);
      audit(
        c,
        {
          action: 'task.update',
          entity: 'patrol_task',
          entityId: id,
          before: { status: task.status, assigneeId: task.assignee?.id ?? null },
          after: { status: change.status ?? task.status, assigneeId: change.assigneeId ?? task.assignee?.id ?? null },
        },
        { now },
      );
    })();
    return c.json({ task: getTask(db, id, c.var.scope, now) });
  })
  /**
   * Who may take the task instead (editors): trained people of its township — the village's inspectors,
   * the other villages' inspectors, township staff — with their current load and whether the task still
   * fits their time before it is due (domain/patrol-capacity.ts). The same people PATCH accepts.
   */
  .get('/:id/candidates', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const now = new Date(c.var.now());
    const task = getTask(c.var.db, id, c.var.scope, now);
    if (!task) throw new HttpError(404, 'task_not_found', `no task ${id}`, 'id');
    const { pace } = c.var;
    const open = task.stopCount - task.doneCount - task.notVisitedCount;
    const minutes = task.stopCount === 0 ? 0 : (routeMinutes(task.routeLengthM, task.stopCount, pace) * open) / task.stopCount;
    // A scheduled round is weighed as it was planned: a shift a week until due, against all open work.
    const scheduled = SCHEDULED_KINDS.includes(task.kind);
    const untilDue = Date.parse(task.dueAt) - now.getTime();
    const budget = scheduled ? Math.max(budgetMinutes(untilDue, pace), scheduledCapacityMinutes(untilDue, pace)) : budgetMinutes(untilDue, pace);
    const people = patrolPeople(c.var.db, [task.townshipCode], now.toISOString().slice(0, 10), pace, { countScheduled: scheduled }).filter((p) => p.trained);
    const candidates = people
      .map((p) => {
        const fit = fitFor(p, task.start, minutes, budget, pace);
        return {
          id: p.userId,
          username: p.username,
          displayName: p.displayName,
          role: p.role,
          regionName: p.regionName,
          ownVillage: p.villageCode === task.villageCode,
          current: p.userId === task.assignee?.id,
          trainedUntil: p.trainedUntil!,
          openStops: p.openStops,
          loadMinutes: Math.round(p.loadMinutes),
          travelMinutes: Math.round(fit.travelMinutes),
          freeMinutes: Math.round(fit.freeMinutes),
          fits: fit.fits,
        };
      })
      .sort((a, b) => Number(b.ownVillage) - Number(a.ownVillage) || Number(b.fits) - Number(a.fits) || a.travelMinutes - b.travelMinutes || a.loadMinutes - b.loadMinutes || a.id - b.id);
    return c.json({ taskId: id, minutes: Math.round(minutes), budgetMinutes: Math.round(budget), candidates });
  })
  .post('/:id/reorder', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const now = new Date(c.var.now());
    if (!getTask(c.var.db, id, c.var.scope, now)) throw new HttpError(404, 'task_not_found', `no task ${id}`, 'id');
    const { pool, user } = c.var;
    await reorderTask(c.var.db, id, now.toISOString(), (task) => pool.run('replan', task, { user: user.id, signal: c.req.raw.signal }));
    return c.json({ task: getTask(c.var.db, id, c.var.scope, now), stops: listStops(c.var.db, id) });
  })
  .post('/:id/stops/:stopId/result', validate('param', stopParams), validate('json', stopReport), (c) => {
    const { id, stopId } = c.req.valid('param');
    const { db, user } = c.var;
    const now = new Date(c.var.now());
    visibleTask(c, id, now);
    const { replayed } = reportStop(db, id, stopId, c.req.valid('json'), user, now);
    const stop = listStops(db, id).find((s) => s.id === stopId)!;
    return c.json({ stop, replayed, task: getTask(db, id, c.var.scope, now) }, replayed ? 200 : 201);
  });
