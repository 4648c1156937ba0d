// /api/houses/:id — one house's ledger (整改台账, issue 11): where it stands, its story, and the moves
// and records that take it from suspected to close-out. The house id is households[].house.id; outside
// one's jurisdiction a house does not exist (404). Who may take which action: ACTION_ROLES
// (domain/ledger-states.ts) on top of the route's rule; dates are China-time days.
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { addCasePhoto, addIdleCheck, addRelocation, CASE_PHOTO_STAGES, PLAN_GUARANTEE_MODES, PLAN_MODES, RELOCATION_PLACES, returnRelocation, savePlan } from '../db/ledger-records.ts';
import { checkAppraiser, checkPhotos, getAppraisal, recordAppraisal } from '../db/appraisals.ts';
import { updateHouse } from '../db/house-edit.ts';
import { checkLedgerDay, findHouse, moveHouse, type LedgerHouse } from '../db/ledger.ts';
import { alertCoversHouse, houseLedger, houseTimeline } from '../db/ledger-view.ts';
import { chinaDay, isCalendarDay } from '../domain/deadlines.ts';
import { GRADES, RECORDABLE_APPRAISAL_KINDS, STRUCTURES, type Grade } from '../domain/housing.ts';
import { ACTION_ROLES, LEDGER_ACTIONS, type LedgerAction } from '../domain/ledger-states.ts';
import { seesOnlyOwnTasks } from '../domain/roles.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, validate } from '../http/validate.ts';

const day = z.string().refine(isCalendarDay, 'must be a real day, YYYY-MM-DD');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a photo sha256 from POST /api/photos');
const photos = z.array(sha256).max(20).default([]);
const text = (max: number) => z.string().trim().min(1).max(max);

const COMPONENT_GRADES = ['a', 'b', 'c', 'd'] as const;
const appraisalBody = z
  .object({
    date: day,
    kind: z.enum(RECORDABLE_APPRAISAL_KINDS),
    grade: z.enum(GRADES).optional(),
    // Component by component (地基基础, 承重墙, 木柱/梁/檩 …), each a–d; the house is the worst of them.
    components: z
      .record(z.string().regex(/^[a-z][a-z_]{1,29}$/, 'a component code'), z.enum(COMPONENT_GRADES))
      .refine((c) => Object.keys(c).length <= 12, 'at most 12 components')
      .optional(),
    appraiserId: z.number().int().positive(),
    habitable: z.boolean().optional(),
    notes: text(2000).optional(),
    photos,
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.kind === 'emergency') {
      // 应急评估 says 可以居住 / 不可以居住; a grade comes from a formal appraisal (the machine would not follow it).
      if (a.habitable === undefined) ctx.addIssue({ code: 'custom', message: 'an emergency assessment says whether the house is habitable', path: ['habitable'] });
      if (a.grade !== undefined) ctx.addIssue({ code: 'custom', message: 'an emergency assessment gives no grade: record a formal appraisal', path: ['grade'] });
    } else if (a.grade === undefined) {
      ctx.addIssue({ code: 'custom', message: 'required', path: ['grade'] });
    }
    const worst = Object.values(a.components ?? {}).sort().at(-1);
    // A dangerous site makes a house D whatever its members, so only "better than the worst member" is wrong.
    if (worst && a.grade && a.grade < worst.toUpperCase()) {
      ctx.addIssue({ code: 'custom', message: `a house is graded no better than its worst component (${worst})`, path: ['grade'] });
    }
  });

/** Moves with routes of their own (they carry a record): the appraisal and the plan. */
const ELSEWHERE: Partial<Record<LedgerAction, string>> = {
  appraise: 'record an appraisal: POST /api/houses/:id/appraisals',
  emergency_assess: 'record an emergency assessment: POST /api/houses/:id/appraisals with kind emergency',
  plan: 'save the plan: PUT /api/houses/:id/plan',
};

/**
 * A move's own facts (a sealed house's `signPosted`): flat, a few short values. Nested values are refused,
 * not stored — a 10,000-level object overflowed JSON.stringify's stack on the way in (a 500).
 */
const actionFacts = z
  .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
  .refine((d) => Object.keys(d).length <= 20, 'at most 20 facts');

const transitionBody = z
  .object({
    action: z.enum(LEDGER_ACTIONS),
    date: day,
    reason: text(500).optional(),
    detail: actionFacts.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const elsewhere = ELSEWHERE[b.action];
    if (elsewhere) ctx.addIssue({ code: 'custom', message: elsewhere, path: ['action'] });
    if (b.action === 'fail_acceptance' && !b.reason) ctx.addIssue({ code: 'custom', message: 'say why the acceptance failed', path: ['reason'] });
    if (b.action === 'seal' && b.detail?.signPosted !== true) {
      ctx.addIssue({ code: 'custom', message: 'a sealed house has its warning sign posted (signPosted: true)', path: ['detail', 'signPosted'] });
    }
  });

const responsible = z.object({ name: text(50), userId: z.number().int().positive().optional() }).strict();
const yuan = z.number().min(0).max(10_000_000);
const planBody = z
  .object({
    mode: z.enum(PLAN_MODES),
    guaranteeMode: z.enum(PLAN_GUARANTEE_MODES).optional(),
    // 四清一责任: a person answers for each stage.
    responsible: z.object({ problem: responsible, appraisal: responsible, works: responsible, acceptance: responsible }).partial().strict(),
    plannedStartOn: day.optional(),
    plannedFinishOn: day.optional(),
    fundsCentral: yuan.optional(),
    fundsLocal: yuan.optional(),
    fundsSelf: yuan.optional(),
    notes: text(2000).optional(),
    // The day the plan was adopted, when entered later (default today): the first save plans the house on it.
    date: day.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.mode === 'guarantee' && !p.guaranteeMode) ctx.addIssue({ code: 'custom', message: 'say how the household is guaranteed', path: ['guaranteeMode'] });
    if (p.mode !== 'guarantee' && p.guaranteeMode) ctx.addIssue({ code: 'custom', message: 'only a guarantee plan has a guarantee mode', path: ['guaranteeMode'] });
    if (p.plannedStartOn && p.plannedFinishOn && p.plannedFinishOn < p.plannedStartOn) {
      ctx.addIssue({ code: 'custom', message: 'must not be before plannedStartOn', path: ['plannedFinishOn'] });
    }
  });

const casePhotoBody = z.object({ sha256, stage: z.enum(CASE_PHOTO_STAGES) }).strict();
const relocationBody = z
  .object({ place: text(200), placeKind: z.enum(RELOCATION_PLACES), movedOn: day, people: z.number().int().min(1).max(50) })
  .strict();
const returnBody = z.object({ returnedOn: day }).strict();
const relocationParams = z.object({ id: idParam.shape.id, rid: idParam.shape.id });
const idleCheckBody = z
  .object({ checkedOn: day, stillEmpty: z.boolean(), signPresent: z.boolean(), notes: text(2000).optional(), photos })
  .strict();

const houseChange = z
  .object({
    structure: z.enum(STRUCTURES).optional(),
    storeys: z.number().int().min(1).max(10).optional(),
    builtYear: z.number().int().min(1800).max(2100).optional(),
    floorArea: z.number().positive().max(10_000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

/** Keys a house edit may not carry, and where that change is made instead. */
const NOT_EDITABLE: Record<string, [code: string, how: string]> = {
  grade: ['grade_via_appraisal', 'a grade changes only through an appraisal: POST /api/houses/:id/appraisals'],
  appraisedOn: ['grade_via_appraisal', 'the appraisal day is the appraisal’s: POST /api/houses/:id/appraisals'],
  status: ['state_via_transition', 'the ledger state changes only through a transition: POST /api/houses/:id/transitions'],
  state: ['state_via_transition', 'the ledger state changes only through a transition: POST /api/houses/:id/transitions'],
  caseId: ['state_via_transition', 'cases open and close through transitions'],
  moveOutRequired: ['state_via_transition', 'who must move out follows the ledger and relocations'],
};

/** Refuses a house edit that tries to set the grade or the state, naming the key (before the plain schema check). */
const refuseLedgerKeys = createMiddleware<Env>(async (c, next) => {
  const body: unknown = await c.req.json().catch(() => null);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const key of Object.keys(body)) {
      // Own keys only: a body's "__proto__" or "constructor" must not find Object's.
      const no = Object.hasOwn(NOT_EDITABLE, key) ? NOT_EDITABLE[key] : undefined;
      if (no) throw new HttpError(400, no[0], no[1], key);
    }
  }
  await next();
});

/** The house in the caller's jurisdiction, or 404. */
function houseIn(c: Context<Env>, id: number): LedgerHouse {
  const house = findHouse(c.var.db, id, c.var.scope);
  if (!house) throw new HttpError(404, 'house_not_found', `no house ${id}`, 'id');
  return house;
}

const actorOf = (c: Context<Env>) => ({ id: c.var.user.id, username: c.var.user.username });
const nowOf = (c: Context<Env>) => new Date(c.var.now());

/** The house as it stands after a change, for the answer. */
function ledgerOf(c: Context<Env>, id: number) {
  return houseLedger(c.var.db, houseIn(c, id), c.var.user.role, nowOf(c));
}

function assertMayTake(c: Context<Env>, action: LedgerAction): void {
  if (!ACTION_ROLES[action].includes(c.var.user.role)) {
    throw new HttpError(403, 'forbidden', `role ${c.var.user.role} may not ${action}`, 'action');
  }
}

export const ledgerHouse = new Hono<Env>()
  .get('/:id/ledger', validate('param', idParam), (c) => c.json(ledgerOf(c, c.req.valid('param').id)))
  .get('/:id/timeline', validate('param', idParam), (c) => {
    const house = houseIn(c, c.req.valid('param').id);
    const own = seesOnlyOwnTasks(c.var.user.role) ? c.var.user.id : undefined;
    // Complaints are not the village inspector's to read (ROUTE_RULES keeps /api/complaints from them too).
    return c.json({ houseId: house.id, events: houseTimeline(c.var.db, house.id, { ownTasksOf: own, complaints: own === undefined }) });
  })
  .post('/:id/appraisals', validate('param', idParam), validate('json', appraisalBody), (c) => {
    const { db } = c.var;
    const house = houseIn(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    const now = nowOf(c);
    assertMayTake(c, body.kind === 'emergency' ? 'emergency_assess' : 'appraise');
    checkLedgerDay(db, house, body.date, 'date', now, { inOrder: true });
    if (body.grade && house.appraisedOn && body.date < house.appraisedOn) {
      throw new HttpError(400, 'date_out_of_order', `date ${body.date} is before the house's latest appraisal (${house.appraisedOn})`, 'date');
    }
    const appraiser = checkAppraiser(db, body.appraiserId, body.date);
    checkPhotos(db, body.photos, c.var.user.id, 'photos');
    const alertCovers = alertCoversHouse(db, house, now);
    if (body.kind === 'emergency' && !alertCovers) {
      throw new HttpError(409, 'no_alert', 'no active alert covers this house: an emergency assessment needs one', 'kind');
    }
    const { appraisalId } = recordAppraisal(
      db,
      house,
      { ...body, grade: body.grade as Grade | undefined },
      { actor: actorOf(c), appraiser, alertCovers, now },
    );
    return c.json({ appraisal: getAppraisal(db, appraisalId), ledger: ledgerOf(c, house.id) }, 201);
  })
  .post('/:id/transitions', validate('param', idParam), validate('json', transitionBody), (c) => {
    const { db, user } = c.var;
    const house = houseIn(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    const now = nowOf(c);
    assertMayTake(c, body.action);
    checkLedgerDay(db, house, body.date, 'date', now, { inOrder: true });
    moveHouse(db, house.id, body.action, {
      actor: actorOf(c),
      now,
      onDate: body.date,
      reason: body.reason,
      detail: body.detail,
      // A suspicion entered by hand: the inspector's is a patrol finding, anyone else's a staff one.
      source: user.role === 'inspector' ? 'patrol' : 'staff',
    });
    return c.json({ ledger: ledgerOf(c, house.id) });
  })
  .put('/:id/plan', validate('param', idParam), validate('json', planBody), (c) => {
    const house = houseIn(c, c.req.valid('param').id);
    const { date, ...plan } = c.req.valid('json');
    const now = nowOf(c);
    assertMayTake(c, 'plan');
    const onDate = date ?? chinaDay(now);
    checkLedgerDay(c.var.db, house, onDate, 'date', now, { inOrder: house.status === 'listed' });
    savePlan(c.var.db, house, plan, onDate, actorOf(c), now);
    return c.json({ ledger: ledgerOf(c, house.id) });
  })
  .post('/:id/photos', validate('param', idParam), validate('json', casePhotoBody), (c) => {
    const house = houseIn(c, c.req.valid('param').id);
    const { sha256: sha, stage } = c.req.valid('json');
    checkPhotos(c.var.db, [sha], c.var.user.id, 'sha256');
    addCasePhoto(c.var.db, house, sha, stage, actorOf(c), nowOf(c));
    return c.json({ photo: { sha256: sha, stage }, ledger: ledgerOf(c, house.id) }, 201);
  })
  .post('/:id/relocations', validate('param', idParam), validate('json', relocationBody), (c) => {
    const house = houseIn(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    const now = nowOf(c);
    checkLedgerDay(c.var.db, house, body.movedOn, 'movedOn', now);
    const id = addRelocation(c.var.db, house, body, actorOf(c), now);
    const ledger = ledgerOf(c, house.id);
    return c.json({ relocation: ledger.relocation ?? { id }, ledger }, 201);
  })
  .post('/:id/relocations/:rid/return', validate('param', relocationParams), validate('json', returnBody), (c) => {
    const { id, rid } = c.req.valid('param');
    const house = houseIn(c, id);
    const { returnedOn } = c.req.valid('json');
    const now = nowOf(c);
    checkLedgerDay(c.var.db, house, returnedOn, 'returnedOn', now);
    returnRelocation(c.var.db, house, rid, returnedOn, actorOf(c), now);
    return c.json({ ledger: ledgerOf(c, house.id) });
  })
  .post('/:id/idle-checks', validate('param', idParam), validate('json', idleCheckBody), (c) => {
    const house = houseIn(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    const now = nowOf(c);
    checkLedgerDay(c.var.db, house, body.checkedOn, 'checkedOn', now);
    checkPhotos(c.var.db, body.photos, c.var.user.id, 'photos');
    const id = addIdleCheck(c.var.db, house, body, actorOf(c), now);
    const ledger = ledgerOf(c, house.id);
    return c.json({ idleCheck: ledger.lastIdleCheck?.id === id ? ledger.lastIdleCheck : { id }, ledger }, 201);
  })
  .patch('/:id', validate('param', idParam), refuseLedgerKeys, validate('json', houseChange), (c) => {
    const house = houseIn(c, c.req.valid('param').id);
    return c.json({ house: updateHouse(c.var.db, house, c.req.valid('json'), actorOf(c), nowOf(c)) });
  });
