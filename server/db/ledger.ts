// The one place a house's ledger state changes (整改台账, issue 11). `moveHouse` asks the pure machine
// (domain/ledger-states.ts) and writes what it answers: houses.status, the open case (houses.case_id,
// ledger_cases), the move-out flag, the append-only transition log and the audit row — together or
// not at all. Patrols, appraisals, plans, complaints and disasters all come through here; nothing
// else writes houses.status, houses.case_id or houses.move_out_required.
import { chinaDay, worksDueOn } from '../domain/deadlines.ts';
import type { Grade } from '../domain/housing.ts';
import { allowedActions, move, mustMoveOut, type LedgerAction, type LedgerState, type MoveContext } from '../domain/ledger-states.ts';
import { HttpError } from '../http/errors.ts';
import { writeAudit } from './audit.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type RegionRef } from './household-filter.ts';
import { refreshHouseFlags } from './house-flags.ts';
import { prepared } from './statements.ts';

/** Where a case came from (ledger_cases.source). */
export const CASE_SOURCES = ['patrol', 'appraisal', 'complaint', 'disaster', 'staff', 'import', 'seed'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Who made the change: a signed-in user, or nobody (a seed, an import). */
export type Actor = { id: number; username: string } | null;

export interface MoveOptions {
  actor: Actor;
  /** The instant recorded. */
  now: Date;
  /** The China-time day it happened (may be before it was entered). */
  onDate: string;
  reason?: string | undefined;
  /** The action's own facts, kept with the transition (sign posted, the appraisal's kind …). */
  detail?: Record<string, unknown> | undefined;
  /** The appraisal's grade and verdict, whether an alert covers the house. */
  ctx?: MoveContext | undefined;
  /** Required when the move opens a case. */
  source?: CaseSource | undefined;
}

export interface Moved {
  houseId: number;
  from: LedgerState;
  to: LedgerState;
  /** The case the move belongs to: the one opened, kept or closed by it; null outside any case. */
  caseId: number | null;
  transitionId: number;
  mustMoveOut: boolean;
}

interface HouseState {
  id: number;
  household_id: number;
  status: LedgerState;
  case_id: number | null;
  move_out_required: number;
}

const dangerous = (g: Grade | undefined) => g === 'C' || g === 'D';

/**
 * Moves a house by `action`, or refuses with 409 `illegal_transition` naming what is allowed instead
 * (nothing written). Opens a case on 'open' (`opts.source` says from where), closes it on {close};
 * records the appraisal's facts on the case — its grade, the first dangerous day and the works deadline
 * it starts (seed 001), an emergency verdict — and recomputes who must move out. Safe inside a caller's
 * transaction (it becomes a savepoint).
 */
export function moveHouse(db: Db, houseId: number, action: LedgerAction, opts: MoveOptions): Moved {
  return db.transaction((): Moved => {
    const house = prepared(db, 'SELECT id, household_id, status, case_id, move_out_required FROM houses WHERE id = ?').get(houseId) as
      | HouseState
      | undefined;
    if (!house) throw new HttpError(404, 'house_not_found', `no house ${houseId}`, 'id');
    const ctx = opts.ctx ?? {};
    const m = move(house.status, action, ctx);
    if (!m.ok) refuse(house.status, action, m.reason, m.allowed);

    const nowIso = opts.now.toISOString();
    let caseId = house.case_id;
    if (m.case === 'open') {
      if (!opts.source) throw new Error(`moveHouse ${action}: opening a case needs a source`);
      caseId = Number(
        prepared(
          db,
          `INSERT INTO ledger_cases (house_id, household_id, source, opened_on, opened_at, opened_by)
           VALUES (@house, @household, @source, @on, @at, @by)`,
        ).run({ house: houseId, household: house.household_id, source: opts.source, on: opts.onDate, at: nowIso, by: opts.actor?.id ?? null })
          .lastInsertRowid,
      );
    }
    if (caseId !== null) {
      recordFacts(db, caseId, action, ctx, opts.onDate);
      stampPlan(db, caseId, action, opts.onDate);
    }
    if (action === 'close_out' && caseId !== null) recordRenovation(db, houseId, caseId, opts.onDate);
    if (caseId !== null && typeof m.case === 'object') {
      prepared(db, 'UPDATE ledger_cases SET closed_on = @on, closed_at = @at, outcome = @outcome WHERE id = @id').run({
        id: caseId,
        on: opts.onDate,
        at: nowIso,
        outcome: m.case.close,
      });
    }
    const openCase = typeof m.case === 'object' ? null : caseId;

    prepared(
      db,
      // suspected_at: when the running suspicion began (the household record shows it since issue 6).
      `UPDATE houses SET status = @to, case_id = @caseId,
         suspected_at = CASE WHEN @opened = 1 THEN @at WHEN @caseId IS NULL THEN NULL ELSE suspected_at END
       WHERE id = @id`,
    ).run({ id: houseId, to: m.to, caseId: openCase, opened: m.case === 'open' ? 1 : 0, at: nowIso });
    const moveOut = refreshMoveOut(db, houseId);

    const detail = { ...factsOf(ctx), ...opts.detail };
    const transitionId = Number(
      prepared(
        db,
        `INSERT INTO house_transitions (house_id, case_id, action, from_state, to_state, on_date, at, by_user, reason, detail)
         VALUES (@house, @caseId, @action, @from, @to, @on, @at, @by, @reason, @detail)`,
      ).run({
        house: houseId,
        caseId,
        action,
        from: house.status,
        to: m.to,
        on: opts.onDate,
        at: nowIso,
        by: opts.actor?.id ?? null,
        reason: opts.reason ?? null,
        detail: JSON.stringify(detail),
      }).lastInsertRowid,
    );
    writeAudit(
      db,
      {
        userId: opts.actor?.id ?? null,
        username: opts.actor?.username ?? null,
        // 'house.suspected' since issue 6 (the audit screen filters by it); every other move is house.<action>.
        action: action === 'suspect' ? 'house.suspected' : `house.${action}`,
        entity: 'house',
        entityId: houseId,
        before: { status: house.status, caseId: house.case_id, moveOutRequired: house.move_out_required === 1 },
        after: { status: m.to, caseId: openCase, moveOutRequired: moveOut, onDate: opts.onDate, transitionId, ...detail },
        ...(opts.reason ? { reason: opts.reason } : {}),
      },
      opts.now,
    );
    return { houseId, from: house.status, to: m.to, caseId, transitionId, mustMoveOut: moveOut };
  })();
}

function refuse(state: LedgerState, action: LedgerAction, reason: string, allowed: readonly LedgerAction[]): never {
  if (reason === 'needs_grade') throw new HttpError(400, 'invalid_input', 'an appraisal needs a grade', 'grade');
  if (reason === 'needs_verdict') throw new HttpError(400, 'invalid_input', 'an emergency assessment says whether the house is habitable', 'habitable');
  if (reason === 'no_alert') throw new HttpError(409, 'no_alert', 'no active alert covers this house: an emergency assessment needs one', 'action', undefined, { allowed });
  throw new HttpError(409, 'illegal_transition', `a house that is ${state} cannot ${action}; allowed: ${allowed.join(', ') || 'nothing'}`, 'action', undefined, {
    allowed,
  });
}

/** The move's facts as the transition keeps them. */
function factsOf(ctx: MoveContext): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (ctx.grade) f.grade = ctx.grade;
  if (ctx.habitable !== undefined) f.habitable = ctx.habitable;
  if (ctx.alertCovers !== undefined) f.alertCovers = ctx.alertCovers;
  return f;
}

/** An appraisal's grade, the first dangerous day and its works deadline (seed 001), an emergency verdict. */
function recordFacts(db: Db, caseId: number, action: LedgerAction, ctx: MoveContext, onDate: string): void {
  if (action === 'appraise' && ctx.grade) {
    prepared(
      db,
      `UPDATE ledger_cases SET grade = @grade,
         dangerous_on = CASE WHEN @dangerous = 1 AND dangerous_on IS NULL THEN @on ELSE dangerous_on END,
         works_due_on = CASE WHEN @dangerous = 1 AND dangerous_on IS NULL THEN @due ELSE works_due_on END
       WHERE id = @id`,
    ).run({ id: caseId, grade: ctx.grade, dangerous: dangerous(ctx.grade) ? 1 : 0, on: onDate, due: worksDueOn(onDate) });
  }
  if (ctx.habitable !== undefined) prepared(db, 'UPDATE ledger_cases SET habitable = ? WHERE id = ?').run(ctx.habitable ? 1 : 0, caseId);
}

// The plan's stage days follow the moves (四清一责任: each stage signed off when it happens).
const PLAN_STAMPS: Partial<Record<LedgerAction, string>> = {
  start_works: 'works_started_on = @on',
  complete_works: 'works_completed_on = @on',
  // Failed acceptance: works resume; the next completion is the one that counts.
  fail_acceptance: 'works_completed_on = NULL',
  accept: 'accepted_on = @on',
  close_out: 'closed_out_on = @on',
};

function stampPlan(db: Db, caseId: number, action: LedgerAction, onDate: string): void {
  const set = PLAN_STAMPS[action];
  if (set) prepared(db, `UPDATE rectification_plans SET ${set} WHERE case_id = @caseId`).run({ caseId, on: onDate });
}

/**
 * Close-out (销号) enters the works in the house's renovation history (危房改造), which the key-house rules
 * read: a C house repaired and strengthened becomes a repaired-C key house (domain/housing.ts).
 */
function recordRenovation(db: Db, houseId: number, caseId: number, onDate: string): void {
  const plan = prepared(db, 'SELECT mode, works_completed_on FROM rectification_plans WHERE case_id = ?').get(caseId) as
    | { mode: string; works_completed_on: string | null }
    | undefined;
  if (!plan || plan.mode === 'guarantee') return;
  const done = plan.works_completed_on ?? onDate;
  prepared(db, 'INSERT INTO renovations (house_id, method, year, completed_on) VALUES (?, ?, ?, ?)').run(houseId, plan.mode, Number(done.slice(0, 4)), done);
  refreshHouseFlags(db, houseId);
}

/**
 * People first (domain.md step 3): recomputes the house's move-out flag from its state, its open case's
 * grade and verdict and whether the household is recorded as moved; returns it.
 */
export function refreshMoveOut(db: Db, houseId: number): boolean {
  const r = prepared(
    db,
    `SELECT o.status, c.grade, c.habitable,
            EXISTS (SELECT 1 FROM relocations l WHERE l.household_id = o.household_id AND l.returned_on IS NULL) AS relocated
       FROM houses o LEFT JOIN ledger_cases c ON c.id = o.case_id WHERE o.id = ?`,
  ).get(houseId) as { status: LedgerState; grade: Grade | null; habitable: number | null; relocated: number };
  const flag = mustMoveOut({ state: r.status, grade: r.grade, habitable: r.habitable === null ? null : r.habitable === 1, relocated: r.relocated === 1 });
  prepared(db, 'UPDATE houses SET move_out_required = ? WHERE id = ?').run(flag ? 1 : 0, houseId);
  return flag;
}

/**
 * A verdict on a house already in a case (a patrol's 不可居住 on a suspected or listed house): kept on the
 * open case, the move-out flag recomputed, audited. No transition: the state does not change.
 */
export function recordVerdict(db: Db, houseId: number, habitable: boolean, opts: { actor: Actor; now: Date; detail?: Record<string, unknown> }): void {
  db.transaction(() => {
    const before = prepared(db, 'SELECT case_id, move_out_required FROM houses WHERE id = ?').get(houseId) as { case_id: number | null; move_out_required: number };
    if (before.case_id === null) throw new Error(`recordVerdict: house ${houseId} has no open case`);
    prepared(db, 'UPDATE ledger_cases SET habitable = ? WHERE id = ?').run(habitable ? 1 : 0, before.case_id);
    const after = refreshMoveOut(db, houseId);
    writeAudit(
      db,
      {
        userId: opts.actor?.id ?? null,
        username: opts.actor?.username ?? null,
        action: 'house.verdict',
        entity: 'house',
        entityId: houseId,
        before: { moveOutRequired: before.move_out_required === 1 },
        after: { caseId: before.case_id, habitable, moveOutRequired: after, ...opts.detail },
      },
      opts.now,
    );
  })();
}

/**
 * A suspicion from any channel (patrol, complaint, disaster): a house with no running case turns
 * suspected — a new case from `opts.source`; one already in a case stays where it is, and a verdict of
 * 不可居住 (`habitable: false`) is kept on that case. Returns the move, or null when none was made.
 */
export function suspectHouse(
  db: Db,
  houseId: number,
  opts: Omit<MoveOptions, 'ctx' | 'source'> & { source: CaseSource; habitable?: boolean | undefined },
): Moved | null {
  return db.transaction((): Moved | null => {
    const row = prepared(db, 'SELECT status FROM houses WHERE id = ?').get(houseId) as { status: LedgerState } | undefined;
    if (!row) throw new HttpError(404, 'house_not_found', `no house ${houseId}`, 'id');
    const { habitable, ...move } = opts;
    if (allowedActions(row.status).includes('suspect')) {
      // The day the channel gives, but never before the house's last move: its story reads in order.
      const last = lastTransitionOn(db, houseId);
      const onDate = last !== null && last > opts.onDate ? last : opts.onDate;
      return moveHouse(db, houseId, 'suspect', { ...move, onDate, ctx: habitable === undefined ? {} : { habitable } });
    }
    if (habitable === false) recordVerdict(db, houseId, false, { actor: opts.actor, now: opts.now, ...(opts.detail ? { detail: opts.detail } : {}) });
    return null;
  })();
}

/** A house as the ledger's routes need it, found only inside `scope` (outside it a house does not exist). */
export interface LedgerHouse {
  id: number;
  householdId: number;
  status: LedgerState;
  caseId: number | null;
  grade: Grade | null;
  appraisedOn: string | null;
  builtYear: number | null;
  listedOn: string | null;
  members: number;
  lon: number;
  lat: number;
  villageCode: string;
}

export function findHouse(db: Db, houseId: number, scope: RegionRef): LedgerHouse | null {
  const { from, where, params } = householdFilterSql({ scope });
  const r = prepared(
    db,
    `SELECT o.id, h.id AS householdId, o.status, o.case_id AS caseId, o.grade, o.appraised_on AS appraisedOn,
            o.built_year AS builtYear, h.listed_on AS listedOn, h.members, o.lon, o.lat, h.village_code AS villageCode
       FROM ${from} ${where ? `${where} AND` : 'WHERE'} o.id = @houseId`,
  ).get({ ...params, houseId }) as LedgerHouse | undefined;
  return r ?? null;
}

/** Whether a new suspicion would move the house (no case running): what a channel offers to staff. */
export function houseMaySuspect(db: Db, houseId: number): boolean {
  const row = prepared(db, 'SELECT status FROM houses WHERE id = ?').get(houseId) as { status: LedgerState } | undefined;
  return row !== undefined && allowedActions(row.status).includes('suspect');
}

/** The day of the house's latest transition: later entries may not be dated before it. */
export function lastTransitionOn(db: Db, houseId: number): string | null {
  const r = prepared(db, 'SELECT max(on_date) AS on_date FROM house_transitions WHERE house_id = ?').get(houseId) as { on_date: string | null };
  return r.on_date;
}

/**
 * A day entered for a house's ledger (`field` names it): not in the future (China time), not before the
 * house was built or the household was listed, and — for what moves the house — not before the house's
 * last move, so the story reads in order. The shape (YYYY-MM-DD, a real day) is the route's zod check.
 */
export function checkLedgerDay(
  db: Db,
  house: LedgerHouse,
  day: string,
  field: string,
  now: Date,
  opts: { inOrder?: boolean } = {},
): void {
  const today = chinaDay(now);
  if (day > today) throw new HttpError(400, 'date_in_future', `${field} ${day} is after today (${today}, China time)`, field);
  if (house.builtYear !== null && day < `${house.builtYear}-01-01`) {
    throw new HttpError(400, 'date_before_house', `${field} ${day} is before the house was built (${house.builtYear})`, field);
  }
  if (house.listedOn !== null && day < house.listedOn) {
    throw new HttpError(400, 'date_before_listing', `${field} ${day} is before the household was listed (${house.listedOn})`, field);
  }
  if (opts.inOrder) {
    const last = lastTransitionOn(db, house.id);
    if (last !== null && day < last) throw new HttpError(400, 'date_out_of_order', `${field} ${day} is before the house's last move (${last})`, field);
  }
}
