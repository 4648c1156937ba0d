import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { visibleAlert } from '../db/alerts.ts';
import { addReport, createEvent, getEvent, houseInScope, houseStatusOf, listEvents, listReports, type DisasterEvent } from '../db/disasters.ts';
import { suspectHouse } from '../db/ledger.ts';
import { photoOwnership } from '../db/photos.ts';
import { findRegion, isWithin } from '../db/regions.ts';
import { addDays, chinaDay, isCalendarDay } from '../domain/deadlines.ts';
import { DAMAGE_DEGREES, damageMakesSuspect, DISASTER_TYPES, RECENT_EVENT_DAYS } from '../domain/disasters.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { booleanParam, idParam, validate } from '../http/validate.ts';

const day = z.string().refine(isCalendarDay, 'a calendar day YYYY-MM-DD');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a photo sha256 from POST /api/photos');

const newEvent = z
  .object({
    name: z.string().trim().min(2).max(100),
    type: z.enum(DISASTER_TYPES),
    occurredOn: day,
    alertId: z.number().int().positive().optional(),
    // A township's event; the county's reach every township. Township staff: their own (the default).
    townshipCode: z.string().regex(/^\d{12}$/).optional(),
  })
  .strict();

const eventQuery = z.object({ recent: booleanParam.optional() }).strict();

const newReport = z
  .object({
    houseId: z.number().int().positive(),
    degree: z.enum(DAMAGE_DEGREES),
    habitable: z.boolean().optional(),
    notes: z.string().trim().max(2000).optional(),
    photos: z.array(sha256).max(10).default([]),
    reportedOn: day.optional(),
  })
  .strict();

const today = (c: Context<Env>) => chinaDay(new Date(c.var.now()));

/** A China day not after today: a future date names its field. */
function notFuture(value: string, field: string, todayDay: string): void {
  if (value > todayDay) throw new HttpError(400, 'date_in_future', `${field}: ${value} is after today (${todayDay}, China time)`, field);
}

/** The township an editor's new event belongs to: a township's staff, their own; the county, the one named (or none). */
function eventTownship(c: Context<Env>, named: string | undefined): string | null {
  const { db, scope } = c.var;
  if (scope.level === 'township') {
    if (named !== undefined && named !== scope.code) throw new HttpError(400, 'outside_jurisdiction', 'townshipCode: township staff open events of their own township', 'townshipCode');
    return scope.code;
  }
  if (named === undefined) return null;
  const region = findRegion(db, named);
  if (!region || region.level !== 'township' || !isWithin(db, named, scope.code)) throw new HttpError(400, 'invalid_input', `townshipCode: no township ${named} in your jurisdiction`, 'townshipCode');
  return named;
}

function visibleEvent(c: Context<Env>, id: number): DisasterEvent {
  const event = getEvent(c.var.db, id, c.var.scope, today(c));
  if (!event) throw new HttpError(404, 'disaster_not_found', `no disaster event ${id}`, 'id');
  return event;
}

export const disasters = new Hono<Env>()
  /** The events the caller sees, newest first, with their damage counts; `recent`: those still open to the field view. */
  .get('/', validate('query', eventQuery), (c) => {
    const { recent } = c.req.valid('query');
    const day = today(c);
    return c.json({ today: day, recentDays: RECENT_EVENT_DAYS, events: listEvents(c.var.db, c.var.scope, day, recent ? addDays(day, -RECENT_EVENT_DAYS) : undefined) });
  })
  .post('/', validate('json', newEvent), (c) => {
    const body = c.req.valid('json');
    const { db, scope, user } = c.var;
    const now = new Date(c.var.now());
    notFuture(body.occurredOn, 'occurredOn', chinaDay(now));
    const townshipCode = eventTownship(c, body.townshipCode);
    if (body.alertId !== undefined && !visibleAlert(db, body.alertId, scope, now)) throw new HttpError(400, 'invalid_input', `alertId: no alert ${body.alertId}`, 'alertId');
    const id = createEvent(db, { name: body.name, type: body.type, occurredOn: body.occurredOn, alertId: body.alertId ?? null, townshipCode }, user, now);
    return c.json({ event: visibleEvent(c, id) }, 201);
  })
  .get('/:id', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const event = visibleEvent(c, id);
    return c.json({ event, reports: listReports(c.var.db, id, c.var.scope) });
  })
  /**
   * A damaged house of the event (editors in their jurisdiction; inspectors in their village). Dates are
   * China days: not after today, not before the event. A late report is kept and flagged, not refused.
   */
  .post('/:id/reports', validate('param', idParam), validate('json', newReport), (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, scope, user } = c.var;
    const now = new Date(c.var.now());
    const event = visibleEvent(c, id);
    const todayDay = chinaDay(now);
    const reportedOn = body.reportedOn ?? todayDay;
    notFuture(reportedOn, 'reportedOn', todayDay);
    if (reportedOn < event.occurredOn) throw new HttpError(400, 'before_event', `reportedOn: ${reportedOn} is before the event (${event.occurredOn})`, 'reportedOn');
    const house = houseInScope(db, body.houseId, scope);
    if (!house) throw new HttpError(404, 'house_not_found', `no house ${body.houseId} in your jurisdiction`, 'houseId');
    if (event.townshipCode && house.townshipCode !== event.townshipCode) throw new HttpError(400, 'outside_event', `houseId: house ${body.houseId} is not in the event's township`, 'houseId');
    for (const sha of body.photos) {
      const owner = photoOwnership(db, sha, user.id);
      if (owner === 'missing') throw new HttpError(400, 'invalid_input', `photo ${sha} was not uploaded`, 'photos');
      if (owner === 'others') throw new HttpError(403, 'photo_not_yours', `photo ${sha} was uploaded by someone else: upload it yourself`, 'photos');
    }
    const suspect = damageMakesSuspect(body.degree, body.habitable ?? null);
    addReport(
      db,
      {
        eventId: id,
        occurredOn: event.occurredOn,
        houseId: body.houseId,
        householdId: house.householdId,
        degree: body.degree,
        habitable: body.habitable ?? null,
        notes: body.notes || null,
        reportedOn,
        photos: body.photos,
      },
      user,
      now,
      // Serious damage or 不可居住 suspects the house through the ledger, in the report's transaction: a
      // new case from 'disaster' when none runs, else the verdict kept on the running one.
      suspect
        ? (reportId) => {
            suspectHouse(db, body.houseId, {
              actor: { id: user.id, username: user.username },
              now,
              onDate: reportedOn,
              source: 'disaster',
              detail: { eventId: id, reportId, degree: body.degree },
              habitable: body.habitable === false ? false : undefined,
            });
          }
        : undefined,
    );
    const [report] = listReports(db, id, scope, body.houseId);
    return c.json({ report: report!, event: visibleEvent(c, id), houseStatus: houseStatusOf(db, body.houseId) }, 201);
  });
