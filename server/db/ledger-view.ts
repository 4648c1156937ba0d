// Reading a house's ledger: where it stands now (HouseLedger) and its whole story, oldest first
// (the household timeline: moves, appraisals, patrol results, plans, relocations, checks, photos).
import { chinaDay, deadlineStanding, type DeadlineStanding } from '../domain/deadlines.ts';
import type { Grade } from '../domain/housing.ts';
import { actionsFor, WORKS_DEADLINE_STATES, type LedgerAction, type LedgerState } from '../domain/ledger-states.ts';
import type { Role } from '../domain/roles.ts';
import { anyZoneHolds } from './alert-exposure.ts';
import { activeAlertsAround } from './alerts.ts';
import type { Db } from './connection.ts';
import type { CaseSource, LedgerHouse } from './ledger.ts';
import { prepared } from './statements.ts';

export interface RectificationPlan {
  mode: 'repair_strengthen' | 'rebuild' | 'new_site' | 'guarantee';
  guaranteeMode: string | null;
  responsible: Partial<Record<'problem' | 'appraisal' | 'works' | 'acceptance', { name: string; userId?: number }>>;
  plannedStartOn: string | null;
  plannedFinishOn: string | null;
  fundsCentral: number | null;
  fundsLocal: number | null;
  fundsSelf: number | null;
  worksStartedOn: string | null;
  worksCompletedOn: string | null;
  acceptedOn: string | null;
  closedOutOn: string | null;
  notes: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface Relocation {
  id: number;
  place: string;
  placeKind: string;
  movedOn: string;
  people: number;
  returnedOn: string | null;
}

export interface IdleCheck {
  id: number;
  checkedOn: string;
  checkedBy: string | null;
  stillEmpty: boolean;
  signPresent: boolean;
  notes: string | null;
  photos: string[];
}

export interface LedgerCase {
  id: number;
  source: CaseSource;
  openedOn: string;
  grade: Grade | null;
  dangerousOn: string | null;
  worksDueOn: string | null;
  /** Where the works deadline (seed 001) stands today; null before the house was found C/D. */
  worksStanding: DeadlineStanding | null;
  /** The latest verdict (patrol 不可居住 or 应急评估); null when none was given. */
  habitable: boolean | null;
}

export interface HouseLedger {
  houseId: number;
  householdId: number;
  state: LedgerState;
  grade: Grade | null;
  /** An active alert's zone holds the house: an emergency assessment may be recorded. */
  alertCovers: boolean;
  /** What this user may do now: the machine, their role, the alert (jurisdiction: the house is theirs to see). */
  actions: LedgerAction[];
  case: LedgerCase | null;
  plan: RectificationPlan | null;
  /** The household's open relocation, if it is away. */
  relocation: Relocation | null;
  mustMoveOut: boolean;
  lastIdleCheck: IdleCheck | null;
}

/** Whether an active alert's zone holds the house (any alert that reaches its village: county, township or village). */
export function alertCoversHouse(db: Db, house: LedgerHouse, now: Date): boolean {
  const around = activeAlertsAround(db, house.lon, house.lat, { code: house.villageCode, level: 'village' }, now);
  return anyZoneHolds(db, around, house.lon, house.lat);
}

export function houseLedger(db: Db, house: LedgerHouse, role: Role, now: Date): HouseLedger {
  const today = chinaDay(now);
  const alertCovers = alertCoversHouse(db, house, now);
  const { move_out_required } = prepared(db, 'SELECT move_out_required FROM houses WHERE id = ?').get(house.id) as { move_out_required: number };
  const plan = house.caseId === null ? null : planOf(db, house.caseId);
  return {
    houseId: house.id,
    householdId: house.householdId,
    state: house.status,
    grade: house.grade,
    alertCovers,
    actions: actionsFor(role, house.status, { alertCovers }),
    case: house.caseId === null ? null : caseOf(db, house.caseId, house.status, plan, today),
    plan,
    relocation: openRelocation(db, house.householdId),
    mustMoveOut: move_out_required === 1,
    lastIdleCheck: lastIdleCheck(db, house.id),
  };
}

function caseOf(db: Db, caseId: number, state: LedgerState, plan: RectificationPlan | null, today: string): LedgerCase {
  const c = prepared(db, 'SELECT * FROM ledger_cases WHERE id = ?').get(caseId) as Record<string, any>;
  let worksStanding: DeadlineStanding | null = null;
  if (c.works_due_on) {
    if (WORKS_DEADLINE_STATES.includes(state)) worksStanding = deadlineStanding(c.works_due_on, today);
    else if (plan?.worksCompletedOn) worksStanding = deadlineStanding(c.works_due_on, today, plan.worksCompletedOn);
  }
  return {
    id: c.id,
    source: c.source,
    openedOn: c.opened_on,
    grade: c.grade,
    dangerousOn: c.dangerous_on,
    worksDueOn: c.works_due_on,
    worksStanding,
    habitable: c.habitable === null ? null : c.habitable === 1,
  };
}

function planOf(db: Db, caseId: number): RectificationPlan | null {
  const p = prepared(db, 'SELECT p.*, u.username FROM rectification_plans p LEFT JOIN users u ON u.id = p.updated_by WHERE p.case_id = ?').get(caseId) as
    | Record<string, any>
    | undefined;
  if (!p) return null;
  return {
    mode: p.mode,
    guaranteeMode: p.guarantee_mode,
    responsible: JSON.parse(p.responsible),
    plannedStartOn: p.planned_start_on,
    plannedFinishOn: p.planned_finish_on,
    fundsCentral: p.funds_central,
    fundsLocal: p.funds_local,
    fundsSelf: p.funds_self,
    worksStartedOn: p.works_started_on,
    worksCompletedOn: p.works_completed_on,
    acceptedOn: p.accepted_on,
    closedOutOn: p.closed_out_on,
    notes: p.notes,
    updatedAt: p.updated_at,
    updatedBy: p.username ?? null,
  };
}

const toRelocation = (r: Record<string, any>): Relocation => ({
  id: r.id,
  place: r.place,
  placeKind: r.place_kind,
  movedOn: r.moved_on,
  people: r.people,
  returnedOn: r.returned_on,
});

function openRelocation(db: Db, householdId: number): Relocation | null {
  const r = prepared(db, 'SELECT * FROM relocations WHERE household_id = ? AND returned_on IS NULL').get(householdId) as Record<string, any> | undefined;
  return r ? toRelocation(r) : null;
}

function idleCheckPhotos(db: Db, checkId: number): string[] {
  return prepared(db, 'SELECT sha256 FROM idle_check_photos WHERE check_id = ? ORDER BY sha256').pluck().all(checkId) as string[];
}

function lastIdleCheck(db: Db, houseId: number): IdleCheck | null {
  const r = prepared(
    db,
    `SELECT c.*, u.username FROM idle_house_checks c LEFT JOIN users u ON u.id = c.checked_by
      WHERE c.house_id = ? ORDER BY c.checked_on DESC, c.id DESC LIMIT 1`,
  ).get(houseId) as Record<string, any> | undefined;
  return r ? toIdleCheck(db, r) : null;
}

const toIdleCheck = (db: Db, r: Record<string, any>): IdleCheck => ({
  id: r.id,
  checkedOn: r.checked_on,
  checkedBy: r.username ?? null,
  stillEmpty: r.still_empty === 1,
  signPresent: r.sign_present === 1,
  notes: r.notes,
  photos: idleCheckPhotos(db, r.id),
});

// ——— the timeline ———

interface Stamp {
  /** China-time day it happened. */
  on: string;
  /** Instant recorded. */
  at: string;
  /** Who recorded it (username), null for seeded history. */
  by: string | null;
}

export type TimelineEvent = Stamp &
  (
    | { kind: 'transition'; action: LedgerAction; from: LedgerState; to: LedgerState; reason: string | null; caseId: number | null; detail: Record<string, unknown> }
    | { kind: 'appraisal'; id: number; appraisalKind: string; grade: Grade | null; habitable: boolean | null; appraiser: string | null; notes: string | null; photos: string[]; caseId: number | null }
    | { kind: 'stop'; taskId: number; stopId: number; result: string | null; notVisited: string | null; hazards: string[]; notes: string | null; photos: string[] }
    | { kind: 'plan'; caseId: number; mode: RectificationPlan['mode']; guaranteeMode: string | null }
    | ({ kind: 'relocation' } & Relocation)
    | ({ kind: 'idle_check' } & Omit<IdleCheck, 'checkedBy'>)
    | { kind: 'photo'; caseId: number; stage: string; sha256: string }
    | { kind: 'damage'; eventId: number; eventName: string; degree: string; habitable: boolean | null; late: boolean; notes: string | null; photos: string[] }
    // A complaint about the house: its receipt, subject and where it stands — never its text or who complained.
    | { kind: 'complaint'; complaintId: number; receiptNo: string; subject: string; status: string }
  );

// Within one day and one instant (an appraisal and the move it caused), the cause first.
const RANK: Record<TimelineEvent['kind'], number> = {
  stop: 0,
  appraisal: 1,
  transition: 2,
  plan: 3,
  relocation: 4,
  idle_check: 5,
  photo: 6,
  damage: 7,
  complaint: 8,
};

/** A seeded appraisal has no instant: noon of its day, China time. */
const noonOf = (day: string) => new Date(`${day}T12:00:00+08:00`).toISOString();

/**
 * The house's story, oldest first. `ownTasksOf`: an inspector sees the patrol results of their own
 * tasks only (a colleague's task does not exist for them; db/patrol-tasks.ts).
 */
export function houseTimeline(db: Db, houseId: number, opts: { ownTasksOf?: number | undefined; complaints?: boolean } = {}): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const r of prepared(
    db,
    `SELECT t.*, u.username FROM house_transitions t LEFT JOIN users u ON u.id = t.by_user WHERE t.house_id = ? ORDER BY t.id`,
  ).all(houseId) as Record<string, any>[]) {
    events.push({
      kind: 'transition',
      on: r.on_date,
      at: r.at,
      by: r.username ?? null,
      action: r.action,
      from: r.from_state,
      to: r.to_state,
      reason: r.reason,
      caseId: r.case_id,
      detail: JSON.parse(r.detail),
    });
  }
  const photosOf = prepared(db, 'SELECT sha256 FROM appraisal_photos WHERE appraisal_id = ? ORDER BY sha256').pluck();
  for (const r of prepared(
    db,
    `SELECT a.*, u.username FROM appraisals a LEFT JOIN users u ON u.id = a.recorded_by WHERE a.house_id = ? ORDER BY a.id`,
  ).all(houseId) as Record<string, any>[]) {
    events.push({
      kind: 'appraisal',
      on: r.appraised_on,
      at: r.recorded_at ?? noonOf(r.appraised_on),
      by: r.username ?? null,
      id: r.id,
      appraisalKind: r.kind,
      grade: r.grade,
      habitable: r.habitable === null ? null : r.habitable === 1,
      appraiser: r.appraiser,
      notes: r.notes,
      photos: photosOf.all(r.id) as string[],
      caseId: r.case_id,
    });
  }
  const stopPhotos = prepared(db, 'SELECT sha256 FROM stop_photos WHERE stop_id = ? ORDER BY sha256').pluck();
  const own = opts.ownTasksOf === undefined ? '' : ' AND t.assignee_id = @own';
  for (const r of prepared(
    db,
    `SELECT s.*, u.username FROM patrol_stops s JOIN patrol_tasks t ON t.id = s.task_id LEFT JOIN users u ON u.id = s.reported_by
      WHERE s.house_id = @house AND s.reported_at IS NOT NULL${own} ORDER BY s.id`,
  ).all({ house: houseId, ...(opts.ownTasksOf === undefined ? {} : { own: opts.ownTasksOf }) }) as Record<string, any>[]) {
    events.push({
      kind: 'stop',
      on: chinaDay(new Date(r.observed_at ?? r.reported_at)),
      at: r.reported_at,
      by: r.username ?? null,
      taskId: r.task_id,
      stopId: r.id,
      result: r.result,
      notVisited: r.not_visited_reason,
      hazards: JSON.parse(r.hazards ?? '[]'),
      notes: r.notes,
      photos: stopPhotos.all(r.id) as string[],
    });
  }
  for (const r of prepared(db, 'SELECT p.*, u.username FROM plan_saves p LEFT JOIN users u ON u.id = p.saved_by WHERE p.house_id = ? ORDER BY p.id').all(
    houseId,
  ) as Record<string, any>[]) {
    const plan = JSON.parse(r.plan);
    events.push({ kind: 'plan', on: r.saved_on, at: r.saved_at, by: r.username ?? null, caseId: r.case_id, mode: plan.mode, guaranteeMode: plan.guaranteeMode ?? null });
  }
  for (const r of prepared(db, 'SELECT l.*, u.username FROM relocations l LEFT JOIN users u ON u.id = l.recorded_by WHERE l.house_id = ? ORDER BY l.id').all(
    houseId,
  ) as Record<string, any>[]) {
    events.push({ kind: 'relocation', on: r.moved_on, at: r.recorded_at, by: r.username ?? null, ...toRelocation(r) });
  }
  for (const r of prepared(
    db,
    'SELECT c.*, u.username FROM idle_house_checks c LEFT JOIN users u ON u.id = c.checked_by WHERE c.house_id = ? ORDER BY c.id',
  ).all(houseId) as Record<string, any>[]) {
    const { checkedBy: _by, ...check } = toIdleCheck(db, r);
    events.push({ kind: 'idle_check', on: r.checked_on, at: r.recorded_at, by: r.username ?? null, ...check });
  }
  for (const r of prepared(
    db,
    `SELECT p.*, u.username FROM case_photos p JOIN ledger_cases c ON c.id = p.case_id LEFT JOIN users u ON u.id = p.added_by
      WHERE c.house_id = ? ORDER BY p.added_at, p.sha256`,
  ).all(houseId) as Record<string, any>[]) {
    events.push({ kind: 'photo', on: chinaDay(new Date(r.added_at)), at: r.added_at, by: r.username ?? null, caseId: r.case_id, stage: r.stage, sha256: r.sha256 });
  }
  const damagePhotos = prepared(db, 'SELECT sha256 FROM damage_report_photos WHERE report_id = ? ORDER BY sha256').pluck();
  for (const r of prepared(
    db,
    `SELECT d.*, e.name AS event_name, u.username FROM damage_reports d JOIN disaster_events e ON e.id = d.event_id
       LEFT JOIN users u ON u.id = d.reported_by WHERE d.house_id = ? ORDER BY d.id`,
  ).all(houseId) as Record<string, any>[]) {
    events.push({
      kind: 'damage',
      on: r.reported_on,
      at: r.reported_at,
      by: r.username ?? null,
      eventId: r.event_id,
      eventName: r.event_name,
      degree: r.degree,
      habitable: r.habitable === null ? null : r.habitable === 1,
      late: r.late === 1,
      notes: r.notes,
      photos: damagePhotos.all(r.id) as string[],
    });
  }
  for (const r of !opts.complaints ? [] : prepared(
    db,
    `SELECT c.id, c.receipt_no, c.subject, c.status, c.received_on, c.received_at, u.username FROM complaints c
       LEFT JOIN users u ON u.id = c.created_by WHERE c.house_id = ? ORDER BY c.id`,
  ).all(houseId) as Record<string, any>[]) {
    events.push({
      kind: 'complaint',
      on: r.received_on,
      at: r.received_at,
      by: r.username ?? null,
      complaintId: r.id,
      receiptNo: r.receipt_no,
      subject: r.subject,
      status: r.status,
    });
  }
  return events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : RANK[a.kind] - RANK[b.kind]));
}
