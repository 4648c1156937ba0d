import { Hono } from 'hono';
import { z } from 'zod';
import { findDispatchRule, listDispatchRules, upsertDispatchRule } from '../db/dispatch-rules.ts';
import { previewRule } from '../db/rule-preview.ts';
import { addTraining, listTrainings } from '../db/trainings.ts';
import { TRAINING_KINDS } from '../domain/training-standing.ts';
import { getUser } from '../db/users.ts';
import { ALERT_LEVELS, ALERT_TYPES } from '../domain/dispatch-rules.ts';
import { GRADES, STRUCTURES } from '../domain/housing.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const isoDay = z.iso.date();

const ruleBody = z
  .object({
    alertType: z.enum(ALERT_TYPES),
    level: z.enum(ALERT_LEVELS),
    grades: z.array(z.enum(GRADES)).max(4),
    structures: z.array(z.enum(STRUCTURES)).max(STRUCTURES.length),
    keyHouses: z.boolean(),
    keyStructures: z.array(z.enum(STRUCTURES)).max(STRUCTURES.length).default([]),
    dueHours: z.number().positive().max(24 * 14),
  })
  .strict();

// The rule under edit, as PUT takes it; how soon (dueHours) does not change which houses it selects.
const previewBody = ruleBody.extend({ dueHours: ruleBody.shape.dueHours.optional() }).strict();

const trainingBody = z
  .object({
    userId: z.number().int().positive(),
    // An older client sends no kind: its trainings were always patrol courses.
    kind: z.enum(TRAINING_KINDS).default('patrol'),
    course: z.string().trim().min(2).max(100),
    trainedOn: isoDay,
    validUntil: isoDay.nullable().default(null),
  })
  .strict()
  .refine((t) => t.validUntil === null || t.validUntil >= t.trainedOn, { message: 'must not be before trainedOn', path: ['validUntil'] });

/** The dispatch rules table (editable by county roles). */
export const dispatchRules = new Hono<Env>()
  .get('/', (c) => c.json({ rules: listDispatchRules(c.var.db) }))
  .put('/', validate('json', ruleBody), (c) => {
    const rule = c.req.valid('json');
    const { db } = c.var;
    const now = new Date(c.var.now());
    const before = listDispatchRules(db).find((r) => r.alertType === rule.alertType && r.level === rule.level);
    db.transaction(() => {
      upsertDispatchRule(db, rule, now);
      audit(c, { action: 'dispatch_rule.update', entity: 'dispatch_rule', entityId: `${rule.alertType}:${rule.level}`, before, after: rule }, { now });
    })();
    return c.json({ rule });
  })
  // Per active alert of the rule's type and level that the caller sees: houses in the zone and the
  // caller's jurisdiction, how many the edited rule would select, and how many the rule in force does.
  .post('/preview', validate('json', previewBody), (c) => {
    const { alertType, level, dueHours: _due, ...rule } = c.req.valid('json');
    const { db, scope } = c.var;
    const now = new Date(c.var.now());
    const current = findDispatchRule(db, alertType, level);
    const alerts = previewRule(db, { alertType, level, rule, current }, scope, now);
    const sum = (f: (a: (typeof alerts)[number]) => number) => alerts.reduce((n, a) => n + f(a), 0);
    return c.json({
      alertType,
      level,
      alerts,
      total: { exposed: sum((a) => a.exposed), selected: sum((a) => a.selected), selectedNow: current ? sum((a) => a.selectedNow ?? 0) : null },
    });
  });

/** The training ledger (培训台账). */
export const trainings = new Hono<Env>()
  .get('/', (c) => c.json({ trainings: listTrainings(c.var.db, { column: c.var.scope.level === 'group' ? 'village' : c.var.scope.level, code: c.var.scope.code }) }))
  .post('/', validate('json', trainingBody), (c) => {
    const body = c.req.valid('json');
    const { db, user } = c.var;
    const now = new Date(c.var.now());
    if (!getUser(db, body.userId)) throw new HttpError(400, 'invalid_input', `no user ${body.userId}`, 'userId');
    const id = db.transaction(() => {
      const id = addTraining(db, { ...body, recordedBy: user.id }, now);
      audit(c, { action: 'training.create', entity: 'training', entityId: id, after: body }, { now });
      return id;
    })();
    return c.json({ training: { id, ...body } }, 201);
  });
