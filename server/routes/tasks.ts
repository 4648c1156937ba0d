import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import { assertAssignable, reorderTask } from '../db/dispatch.ts';
import { reportStop } from '../db/patrol-reports.ts';
import { getTask, listStops, listTasks, setTaskAssignee, setTaskStatus } from '../db/patrol-tasks.ts';
import { HAZARD_ITEMS, STOP_RESULTS } from '../domain/hazards.ts';
import { canMove, TASK_STATUSES } from '../domain/task-states.ts';
import { routeGpx } from '../domain/gpx.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { booleanParam, csvEnum, idParam, validate } from '../http/validate.ts';

const taskQuery = z
  .object({
    alertId: z.coerce.number().int().positive().optional(),
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

const stopReport = z
  .object({
    result: z.enum(STOP_RESULTS),
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
  .refine((r) => r.result === 'safe' || r.hazards.length > 0 || r.result === 'uninhabitable', {
    message: 'a hazard report names at least one checklist item',
    path: ['hazards'],
  });

export const tasks = new Hono<Env>()
  .get('/', validate('query', taskQuery), (c) => {
    const { mine, ...q } = c.req.valid('query');
    const now = new Date(c.var.now());
    // An inspector sees the tasks assigned to them; others see every task in their jurisdiction.
    const assigneeId = mine || c.var.user.role === 'inspector' ? c.var.user.id : undefined;
    return c.json({ tasks: listTasks(c.var.db, c.var.scope, { ...q, ...(assigneeId ? { assigneeId } : {}) }, now) });
  })
  .get('/:id', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const task = getTask(c.var.db, id, c.var.scope, new Date(c.var.now()));
    if (!task) throw new HttpError(404, 'task_not_found', `no task ${id}`, 'id');
    return c.json({ task, stops: listStops(c.var.db, id) });
  })
  .get('/:id/gpx', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const task = getTask(c.var.db, id, c.var.scope, new Date(c.var.now()));
    if (!task) throw new HttpError(404, 'task_not_found', `no task ${id}`, 'id');
    c.header('Content-Type', 'application/gpx+xml; charset=UTF-8');
    c.header('Content-Disposition', `attachment; filename="patrol-${id}.gpx"`);
    return c.body(routeGpx(task, listStops(c.var.db, id)));
  })
  .patch('/:id', validate('param', idParam), validate('json', taskChange), (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const { db, user } = c.var;
    const now = new Date(c.var.now());
    const task = getTask(db, id, c.var.scope, now);
    if (!task) throw new HttpError(404, 'task_not_found', `no task ${id}`, 'id');
    if (user.role === 'inspector' && task.assignee?.id !== user.id) throw new HttpError(403, 'forbidden', 'not your task');
    if (user.role === 'inspector' && change.assigneeId !== undefined) throw new HttpError(403, 'forbidden', 'inspectors cannot reassign');
    if (change.status && change.status !== task.status && !canMove(task.status, change.status)) {
      throw new HttpError(409, 'invalid_transition', `a ${task.status} task cannot become ${change.status}`, 'status');
    }
    if (change.status === 'reviewed' && user.role === 'inspector') throw new HttpError(403, 'forbidden', 'inspectors cannot review');
    if (change.assigneeId !== undefined) assertAssignable(db, change.assigneeId, task.villageCode, now.toISOString().slice(0, 10));
    db.transaction(() => {
      if (change.status && change.status !== task.status) setTaskStatus(db, id, change.status, now);
      if (change.assigneeId !== undefined) setTaskAssignee(db, id, change.assigneeId, now);
      writeAudit(db, {
        userId: user.id,
        username: user.username,
        action: 'task.update',
        entity: 'patrol_task',
        entityId: id,
        before: { status: task.status, assigneeId: task.assignee?.id ?? null },
        after: { status: change.status ?? task.status, assigneeId: change.assigneeId ?? task.assignee?.id ?? null },
      }, now);
    })();
    return c.json({ task: getTask(db, id, c.var.scope, now) });
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
    const task = getTask(db, id, c.var.scope, now);
    if (!task) throw new HttpError(404, 'task_not_found', `no task ${id}`, 'id');
    if (user.role === 'inspector' && task.assignee?.id !== user.id) throw new HttpError(403, 'forbidden', 'not your task');
    const { replayed } = reportStop(db, id, stopId, c.req.valid('json'), user, now);
    const stop = listStops(db, id).find((s) => s.id === stopId)!;
    return c.json({ stop, replayed, task: getTask(db, id, c.var.scope, now) }, replayed ? 200 : 201);
  });
