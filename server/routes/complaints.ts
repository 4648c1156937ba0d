// Complaints for staff (举报投诉): intake by phone, mailbox or visit, then assign → investigate →
// answer → close, each move checked by domain/complaint-states.ts, kept in complaint_events and
// audited. Jurisdiction: a township sees its township's complaints; one not placed in any township
// yet is the county's to triage (db/complaints.ts).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  changeComplaint,
  complaintAssignees,
  getComplaint,
  housePlace,
  insertComplaint,
  listComplaintEvents,
  listComplaints,
  receiptTaken,
  sealContact,
  sealedContact,
  type ComplaintFilter,
  type ComplaintRecord,
  withStanding,
} from '../db/complaints.ts';
import { houseMaySuspect, suspectHouse } from '../db/ledger.ts';
import { isWithin } from '../db/regions.ts';
import { allowedComplaintActions, COMPLAINT_STATUSES, moveComplaint, STAFF_CHANNELS, type ComplaintAction } from '../domain/complaint-states.ts';
import { newReceiptNo } from '../domain/complaint-receipt.ts';
import { addDays, chinaDay, isCalendarDay } from '../domain/deadlines.ts';
import { COUNTY_ROLES, EDITORS } from '../domain/roles.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { booleanParam, csvEnum, idParam, validate } from '../http/validate.ts';
import { complaintFields, resolvePlace } from './complaint-fields.ts';

const MAX_PAGE_SIZE = 200;

export const complaintListQuery = z
  .object({
    status: csvEnum(COMPLAINT_STATUSES).optional(),
    township: z.string().regex(/^\d{12}$/, 'must be a 12-digit township code').optional(),
    overdue: booleanParam.optional(),
    assignee: z.union([z.enum(['me', 'none']), z.string().regex(/^[1-9]\d{0,15}$/, "must be a user id, 'me' or 'none'").transform(Number)]).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  })
  .strict();

const staffComplaint = z
  .object({
    ...complaintFields,
    channel: z.enum(STAFF_CHANNELS),
    /** The China-time day it reached us (a letter opened today may have come on Friday); today when not given. */
    receivedOn: z.string().refine(isCalendarDay, 'must be a day YYYY-MM-DD').optional(),
    houseId: z.number().int().positive().optional(),
  })
  .strict();

const note = z.string().trim().min(2, 'at least 2 characters').max(2000, 'at most 2000 characters');
const assignBody = z.object({ assigneeId: z.number().int().positive(), note: note.optional() }).strict();
const investigateBody = z.object({ note }).strict();
const answerBody = z.object({ answer: z.string().trim().min(5, 'at least 5 characters').max(2000, 'at most 2000 characters') }).strict();
const closeBody = z.object({ note: note.optional() }).strict();
/** Subjects that report a dangerous house, and so may put it in the ledger. */
const DANGER_SUBJECTS: readonly string[] = ['dangerous_house', 'people_in_danger'];

const unmaskBody = z.object({ reason: z.string().trim().min(4, 'say why (at least 4 characters)').max(500) }).strict();

/** The list's filter from validated query parameters: a township outside the jurisdiction is 404. */
export function toComplaintFilter(c: Context<Env>, q: Omit<z.infer<typeof complaintListQuery>, 'page' | 'pageSize'>): ComplaintFilter {
  const { db, scope, user } = c.var;
  if (q.township && !isWithin(db, q.township, scope.code)) {
    throw new HttpError(404, 'region_not_found', `township ${q.township} is not in your jurisdiction`, 'township');
  }
  return {
    ...(q.status ? { statuses: q.status } : {}),
    ...(q.township ? { township: q.township } : {}),
    ...(q.overdue !== undefined ? { overdue: q.overdue } : {}),
    ...(q.assignee !== undefined ? { assignee: q.assignee === 'me' ? user.id : q.assignee } : {}),
  };
}

function visibleComplaint(c: Context<Env>, id: number): ComplaintRecord {
  const found = getComplaint(c.var.db, id, c.var.scope);
  if (!found) throw new HttpError(404, 'complaint_not_found', `no complaint ${id}`, 'id');
  return found;
}

/** The complaint as its screen shows it: the record, its history, and what this user may do now. */
function complaintView(c: Context<Env>, id: number) {
  const { db, user } = c.var;
  const complaint = visibleComplaint(c, id);
  const today = chinaDay(new Date(c.var.now()));
  return {
    complaint: withStanding(complaint, today),
    events: listComplaintEvents(db, id),
    actions: EDITORS.includes(user.role) ? allowedComplaintActions(complaint.status) : [],
    mayUnmask: COUNTY_ROLES.includes(user.role) && (complaint.contactName !== null || complaint.contactPhone !== null),
    // A complaint that a named house is dangerous is one of the ledger's channels (domain.md step 1).
    maySuspectHouse: EDITORS.includes(user.role) && complaint.house !== null && DANGER_SUBJECTS.includes(complaint.subject) && houseMaySuspect(db, complaint.house.id),
    today,
  };
}

/**
 * One move of the machine: refused with 409 and the allowed actions when the status does not allow it;
 * otherwise the change, its event and its audit row in one transaction.
 */
function applyMove(
  c: Context<Env>,
  complaint: ComplaintRecord,
  action: ComplaintAction,
  extra: { note?: string | undefined; assigneeId?: number; placeInTownship?: string; answer?: string },
) {
  const move = moveComplaint(complaint.status, action);
  if (!move.ok) {
    throw new HttpError(409, 'illegal_transition', `a ${complaint.status} complaint cannot be given “${action}”`, 'action', undefined, { allowed: move.allowed });
  }
  const { db, user } = c.var;
  const now = new Date(c.var.now());
  db.transaction(() => {
    const moved = changeComplaint(db, complaint.id, {
      action,
      from: complaint.status,
      to: move.to,
      by: user.id,
      at: now.toISOString(),
      onDay: chinaDay(now),
      note: extra.note ?? null,
      ...(extra.assigneeId !== undefined ? { assigneeId: extra.assigneeId } : {}),
      ...(extra.placeInTownship !== undefined ? { placeInTownship: extra.placeInTownship } : {}),
      ...(extra.answer !== undefined ? { answer: extra.answer } : {}),
    });
    if (!moved) throw new HttpError(409, 'illegal_transition', 'the complaint was changed meanwhile: reload it', 'action');
    audit(
      c,
      {
        action: `complaint.${action}`,
        entity: 'complaint',
        entityId: complaint.id,
        before: { status: complaint.status, assigneeId: complaint.assignee?.id ?? null },
        after: {
          status: move.to,
          assigneeId: extra.assigneeId ?? complaint.assignee?.id ?? null,
          ...(extra.placeInTownship && !complaint.township ? { townshipCode: extra.placeInTownship } : {}),
          ...(extra.answer !== undefined ? { answer: extra.answer } : {}),
        },
        ...(extra.note ? { reason: extra.note } : {}),
      },
      { now },
    );
  })();
  return c.json(complaintView(c, complaint.id));
}

export const complaints = new Hono<Env>()
  .get('/', validate('query', complaintListQuery), (c) => {
    const { page, pageSize, ...q } = c.req.valid('query');
    const today = chinaDay(new Date(c.var.now()));
    const found = listComplaints(c.var.db, c.var.scope, toComplaintFilter(c, q), today, { offset: (page - 1) * pageSize, limit: pageSize });
    const byStatus = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, found.byStatus[s] ?? 0])) as Record<(typeof COMPLAINT_STATUSES)[number], number>;
    return c.json({
      rows: found.rows,
      total: found.total,
      page,
      pageSize,
      counts: { byStatus, overdue: found.overdue },
      today,
    });
  })
  // Staff intake: a call to the public line, a letter from the mailbox, a visit, or something staff saw.
  .post('/', validate('json', staffComplaint), (c) => {
    const body = c.req.valid('json');
    const { db, cipher, scope, user } = c.var;
    const now = new Date(c.var.now());
    const today = chinaDay(now);
    if (body.receivedOn && body.receivedOn > today) throw new HttpError(400, 'invalid_input', `receivedOn: ${body.receivedOn} is in the future`, 'receivedOn');
    let place = resolvePlace(db, body);
    if (body.houseId !== undefined) {
      const house = housePlace(db, body.houseId);
      if (!house) throw new HttpError(400, 'invalid_input', `houseId: no house ${body.houseId}`, 'houseId');
      if ((place.townshipCode && place.townshipCode !== house.townshipCode) || (place.villageCode && place.villageCode !== house.villageCode)) {
        throw new HttpError(400, 'invalid_input', 'houseId: the house stands in another village than the one given', 'houseId');
      }
      place = house;
    }
    // A township enters complaints of its own township; one it does not place is placed there.
    if (scope.level !== 'county') {
      if (!place.townshipCode) place = { townshipCode: scope.code, villageCode: null };
      if (!isWithin(db, place.villageCode ?? place.townshipCode!, scope.code)) {
        throw new HttpError(400, 'outside_jurisdiction', 'the complaint is placed outside your jurisdiction', body.houseId !== undefined ? 'houseId' : 'township');
      }
    }
    const receivedOn = body.receivedOn ?? today;
    const year = receivedOn.slice(0, 4);
    let receiptNo = newReceiptNo(year);
    while (receiptTaken(db, receiptNo)) receiptNo = newReceiptNo(year);
    const id = db.transaction(() => {
      const newId = insertComplaint(db, {
        receiptNo,
        channel: body.channel,
        receivedOn,
        receivedAt: now.toISOString(),
        ...place,
        houseId: body.houseId ?? null,
        place: body.place ?? null,
        subject: body.subject,
        content: body.content,
        contact: sealContact(cipher, body.contactName, body.contactPhone),
        dueOn: addDays(receivedOn, c.var.complaintDays),
        createdBy: user.id,
      });
      audit(c, { action: 'complaint.receive', entity: 'complaint', entityId: newId, after: { channel: body.channel, subject: body.subject, townshipCode: place.townshipCode, receivedOn } }, { now });
      return newId;
    })();
    return c.json(complaintView(c, id), 201);
  })
  .get('/:id', validate('param', idParam), (c) => c.json(complaintView(c, c.req.valid('param').id)))
  /** Who this complaint may be handed to (the assign dialog's list). */
  .get('/:id/assignees', validate('param', idParam), (c) => {
    const complaint = visibleComplaint(c, c.req.valid('param').id);
    return c.json({ assignees: complaintAssignees(c.var.db, complaint.township?.code ?? null) });
  })
  .post('/:id/assign', validate('param', idParam), validate('json', assignBody), (c) => {
    const complaint = visibleComplaint(c, c.req.valid('param').id);
    const { assigneeId, note: text } = c.req.valid('json');
    const assignee = complaintAssignees(c.var.db, complaint.township?.code ?? null).find((u) => u.id === assigneeId);
    if (!assignee) {
      throw new HttpError(400, 'assignee_out_of_area', `user ${assigneeId} is not staff who may take a complaint of ${complaint.township?.name ?? 'the county'}`, 'assigneeId');
    }
    // Handing an unplaced complaint to a township places it in that township.
    const placeInTownship = !complaint.township && assignee.regionLevel === 'township' ? assignee.regionCode : undefined;
    return applyMove(c, complaint, 'assign', { note: text, assigneeId, ...(placeInTownship ? { placeInTownship } : {}) });
  })
  .post('/:id/investigate', validate('param', idParam), validate('json', investigateBody), (c) =>
    applyMove(c, visibleComplaint(c, c.req.valid('param').id), 'investigate', { note: c.req.valid('json').note }),
  )
  .post('/:id/answer', validate('param', idParam), validate('json', answerBody), (c) =>
    applyMove(c, visibleComplaint(c, c.req.valid('param').id), 'answer', { answer: c.req.valid('json').answer }),
  )
  .post('/:id/close', validate('param', idParam), validate('json', closeBody), (c) =>
    applyMove(c, visibleComplaint(c, c.req.valid('param').id), 'close', { note: c.req.valid('json').note }),
  )
  // A suspected danger reported by the public: the house enters the ledger as suspected, with the
  // complaint as its source; a house already in a case keeps its case (nothing moves, nothing is lost).
  .post('/:id/suspect-house', validate('param', idParam), (c) => {
    const complaint = visibleComplaint(c, c.req.valid('param').id);
    if (!complaint.house) throw new HttpError(409, 'complaint_without_house', 'this complaint names no house: place it at a house first', 'houseId');
    if (!DANGER_SUBJECTS.includes(complaint.subject)) {
      throw new HttpError(409, 'not_a_danger', `a complaint about “${complaint.subject}” does not report a dangerous house`, 'subject');
    }
    const { db, user } = c.var;
    const now = new Date(c.var.now());
    const moved = suspectHouse(db, complaint.house.id, {
      actor: { id: user.id, username: user.username },
      now,
      onDate: chinaDay(now),
      source: 'complaint',
      reason: `举报投诉 ${complaint.receiptNo}`,
      detail: { complaintId: complaint.id, receiptNo: complaint.receiptNo },
    });
    return c.json({ houseId: complaint.house.id, opened: moved !== null, ...complaintView(c, complaint.id) });
  })
  // The complainant's clear name and phone, to call them back: county roles, a stated reason, an audit row.
  .post('/:id/unmask', validate('param', idParam), validate('json', unmaskBody), (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    visibleComplaint(c, id);
    const { db, cipher } = c.var;
    const sealed = sealedContact(db, id);
    const clear = {
      contactName: sealed.nameEnc ? cipher.decrypt(sealed.nameEnc) : null,
      contactPhone: sealed.phoneEnc ? cipher.decrypt(sealed.phoneEnc) : null,
    };
    audit(c, { action: 'complaint.unmask', entity: 'complaint', entityId: id, reason }, { address: true });
    c.header('Cache-Control', 'no-store');
    return c.json({ id, ...clear });
  });
