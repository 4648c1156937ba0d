// Writes a house's ledger history (整改台账) straight into the tables, for the demo county and for tests
// that need houses in given states: its cases, the transitions in order, appraisals, the plan, the
// household's relocation and idle-house checks. Every step goes through the machine's own `move`
// (server/domain/ledger-states.ts), so a history the machine would refuse cannot be written; the
// house row is left where the last step took it. The app's one writer is server/db/ledger.ts
// (moveHouse, with an audit row per move); seeding bypasses it to stay a bulk job, but writes what it
// writes — the case's latest grade and first dangerous day, the plan's stage days, the renovation at
// close-out, suspected_at — and leaves the house's flags to the app's own refreshHouseFlags and
// refreshMoveOut.
import type { Db } from '../server/db/connection.ts';
import { refreshHouseFlags } from '../server/db/house-flags.ts';
import { refreshMoveOut } from '../server/db/ledger.ts';
import { prepared } from '../server/db/statements.ts';
import { worksDueOn } from '../server/domain/deadlines.ts';
import type { Grade, Structure } from '../server/domain/housing.ts';
import { move, type LedgerAction, type LedgerState } from '../server/domain/ledger-states.ts';

export type CaseSource = 'patrol' | 'appraisal' | 'complaint' | 'disaster' | 'staff' | 'import' | 'seed';
export type PlanMode = 'repair_strengthen' | 'rebuild' | 'new_site' | 'guarantee';
export type GuaranteeMode = 'public_rental' | 'happiness_yard' | 'relatives' | 'rental' | 'idle_public' | 'elder_care' | 'other';
export type PlaceKind = 'relatives' | 'public_rental' | 'happiness_yard' | 'rental' | 'village_room' | 'tent' | 'other';

/** An appraisal to record with an `appraise` step (the generator's own rows are linked by id instead). */
export interface NewAppraisal {
  grade: Grade;
  kind: 'initial' | 'formal' | 'review';
  appraiserId: number | null;
  appraiser: string;
  org: string;
  notes?: string;
}

export interface LedgerStep {
  action: LedgerAction;
  /** China-time day it happened. */
  on: string;
  by?: number | null;
  reason?: string;
  detail?: Record<string, unknown>;
  /** `appraise`: the appraisal it records — a row on record, or a new one. */
  appraisal?: { id: number; grade: Grade; kind?: string } | NewAppraisal;
  /** The case's verdict (patrol or 应急评估): false = 不可以居住. */
  habitable?: boolean;
}

export interface PlanFacts {
  mode: PlanMode;
  guaranteeMode?: GuaranteeMode;
  responsible: Partial<Record<'problem' | 'appraisal' | 'works' | 'acceptance', { name: string; userId?: number }>>;
  plannedStartOn?: string;
  plannedFinishOn?: string;
  fundsCentral?: number;
  fundsLocal?: number;
  fundsSelf?: number;
  notes?: string;
}

export interface Relocation {
  place: string;
  placeKind: PlaceKind;
  people: number;
  movedOn: string;
  returnedOn: string | null;
  by?: number | null;
}

export interface IdleCheck {
  checkedOn: string;
  by: number;
  stillEmpty: boolean;
  signPresent: boolean;
  notes?: string;
}

/** One case of a house: from the step that opens it to the one that closes it, or to where it stands now. */
export interface Episode {
  source: CaseSource;
  steps: LedgerStep[];
  /** Saved by the `plan` step. */
  plan?: PlanFacts;
  /** At close-out, record the works as a renovation (修缮加固 / 拆除重建 / 选址新建), unless it is on record already. */
  recordRenovation?: boolean;
  /** Rebuilt in place (拆除重建): the new house's structure and year once works are complete. */
  rebuiltAs?: { structure: Structure; builtYear: number };
  relocation?: Relocation;
  idleChecks?: IdleCheck[];
}

export interface HouseLedgerResult {
  state: LedgerState;
  caseIds: number[];
}

/** The instant a seeded step is recorded: 09:00 China time on its day. */
const instantOf = (day: string): string => `${day}T01:00:00.000Z`;

const RENOVATION_OF: Partial<Record<PlanMode, string>> = { repair_strengthen: 'repair_strengthen', rebuild: 'rebuild', new_site: 'new_site' };

/** Writes `episodes` in order onto house `houseId` from the state it is in; throws on a move the machine refuses. */
export function writeHouseLedger(db: Db, houseId: number, episodes: readonly Episode[]): HouseLedgerResult {
  const house = prepared(db, 'SELECT household_id, status, case_id, grade, appraised_on, suspected_at FROM houses WHERE id = ?').get(houseId) as
    | { household_id: number; status: LedgerState; case_id: number | null; grade: Grade | null; appraised_on: string | null; suspected_at: string | null }
    | undefined;
  if (!house) throw new Error(`no house ${houseId}`);
  let state = house.status;
  let caseId = house.case_id;
  let grade = house.grade;
  let appraisedOn = house.appraised_on;
  let suspectedAt = house.suspected_at;
  const caseIds: number[] = [];

  for (const ep of episodes) {
    let worksCompletedOn: string | null = null;
    let closedOut = false;
    for (const step of ep.steps) {
      const stepGrade = step.appraisal?.grade;
      const to = move(state, step.action, { grade: stepGrade, habitable: step.habitable, alertCovers: false });
      if (!to.ok) throw new Error(`house ${houseId}: ${step.action} from ${state} on ${step.on} refused (${to.reason})`);
      const at = instantOf(step.on);
      if (to.case === 'open') {
        caseId = Number(
          prepared(
            db,
            `INSERT INTO ledger_cases (house_id, household_id, source, opened_on, opened_at, opened_by)
             VALUES (?, ?, ?, ?, ?, ?)`,
          ).run(houseId, house.household_id, ep.source, step.on, at, step.by ?? null).lastInsertRowid,
        );
        caseIds.push(caseId);
        suspectedAt = at; // when the running suspicion began, as moveHouse keeps it
      }
      const detail: Record<string, unknown> = { ...step.detail };
      if (step.appraisal && stepGrade) {
        const appraisalId = recordAppraisal(db, houseId, caseId, step.on, step.appraisal, step.by ?? null, at);
        Object.assign(detail, { grade: stepGrade, appraisalId, appraisalKind: step.appraisal.kind ?? null });
        if ('appraiserId' in step.appraisal) detail.appraiserId = step.appraisal.appraiserId;
        if (appraisedOn === null || step.on >= appraisedOn) [grade, appraisedOn] = [stepGrade, step.on];
        // The case keeps the latest grade; the first C/D appraisal starts the works deadline (seed 001).
        if (caseId !== null) {
          const first = stepGrade === 'C' || stepGrade === 'D';
          prepared(
            db,
            `UPDATE ledger_cases SET grade = @grade,
               dangerous_on = CASE WHEN @first = 1 AND dangerous_on IS NULL THEN @on ELSE dangerous_on END,
               works_due_on = CASE WHEN @first = 1 AND dangerous_on IS NULL THEN @due ELSE works_due_on END
             WHERE id = @id`,
          ).run({ grade: stepGrade, first: first ? 1 : 0, on: step.on, due: worksDueOn(step.on), id: caseId });
        }
      }
      if (step.action === 'plan' && ep.plan) detail.mode = ep.plan.mode;
      if (step.habitable !== undefined && caseId !== null) {
        detail.habitable = step.habitable;
        prepared(db, 'UPDATE ledger_cases SET habitable = ? WHERE id = ?').run(step.habitable ? 1 : 0, caseId);
      }
      worksCompletedOn = planStep(db, step, caseId, houseId, ep.plan, at, worksCompletedOn);
      if (step.action === 'close_out') closedOut = true;
      prepared(
        db,
        `INSERT INTO house_transitions (house_id, case_id, action, from_state, to_state, on_date, at, by_user, reason, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(houseId, caseId, step.action, state, to.to, step.on, at, step.by ?? null, step.reason ?? null, JSON.stringify(detail));
      if (typeof to.case === 'object' && caseId !== null) {
        prepared(db, 'UPDATE ledger_cases SET closed_on = ?, closed_at = ?, outcome = ? WHERE id = ?').run(step.on, at, to.case.close, caseId);
        caseId = null;
        suspectedAt = null;
      }
      state = to.to;
    }
    const episodeCase = caseIds.at(-1) ?? null;
    if (closedOut && worksCompletedOn && ep.recordRenovation && ep.plan && RENOVATION_OF[ep.plan.mode]) {
      prepared(db, 'INSERT INTO renovations (house_id, method, year, completed_on) VALUES (?, ?, ?, ?)').run(
        houseId,
        RENOVATION_OF[ep.plan.mode],
        Number(worksCompletedOn.slice(0, 4)),
        worksCompletedOn,
      );
    }
    if (worksCompletedOn && ep.rebuiltAs) {
      prepared(db, 'UPDATE houses SET structure = ?, built_year = ? WHERE id = ?').run(ep.rebuiltAs.structure, ep.rebuiltAs.builtYear, houseId);
    }
    if (ep.relocation) {
      const r = ep.relocation;
      prepared(
        db,
        `INSERT INTO relocations (house_id, household_id, case_id, place, place_kind, moved_on, people, returned_on, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(houseId, house.household_id, episodeCase, r.place, r.placeKind, r.movedOn, r.people, r.returnedOn, instantOf(r.movedOn), r.by ?? null);
    }
    for (const k of ep.idleChecks ?? []) {
      prepared(
        db,
        `INSERT INTO idle_house_checks (house_id, case_id, checked_on, checked_by, still_empty, sign_present, notes, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(houseId, episodeCase, k.checkedOn, k.by, k.stillEmpty ? 1 : 0, k.signPresent ? 1 : 0, k.notes ?? null, instantOf(k.checkedOn));
    }
  }

  prepared(db, 'UPDATE houses SET status = ?, case_id = ?, grade = ?, appraised_on = ?, suspected_at = ? WHERE id = ?').run(
    state,
    caseId,
    grade,
    appraisedOn,
    caseId === null ? null : suspectedAt,
    houseId,
  );
  refreshHouseFlags(db, houseId);
  refreshMoveOut(db, houseId);
  return { state, caseIds };
}

function recordAppraisal(
  db: Db,
  houseId: number,
  caseId: number | null,
  on: string,
  a: NonNullable<LedgerStep['appraisal']>,
  by: number | null,
  at: string,
): number {
  if ('id' in a) {
    prepared(db, 'UPDATE appraisals SET case_id = ? WHERE id = ? AND house_id = ?').run(caseId, a.id, houseId);
    return a.id;
  }
  return Number(
    prepared(
      db,
      `INSERT INTO appraisals (house_id, appraised_on, grade, kind, appraiser, org, case_id, appraiser_id, notes, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(houseId, on, a.grade, a.kind, a.appraiser, a.org, caseId, a.appraiserId, a.notes ?? null, by, at).lastInsertRowid,
  );
}

/** The plan's part of a step: saved with `plan`, dated by the works and acceptance steps. Returns the works' completion day. */
function planStep(db: Db, step: LedgerStep, caseId: number | null, houseId: number, plan: PlanFacts | undefined, at: string, completed: string | null): string | null {
  const set = (column: string, value: string | null): void => {
    prepared(db, `UPDATE rectification_plans SET ${column} = ? WHERE case_id = ?`).run(value, caseId);
  };
  switch (step.action) {
    case 'plan': {
      if (!plan) throw new Error(`house ${houseId}: a plan step without a plan`);
      prepared(
        db,
        `INSERT INTO rectification_plans (case_id, house_id, mode, guarantee_mode, responsible, planned_start_on, planned_finish_on,
           funds_central, funds_local, funds_self, notes, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        caseId,
        houseId,
        plan.mode,
        plan.guaranteeMode ?? null,
        JSON.stringify(plan.responsible),
        plan.plannedStartOn ?? null,
        plan.plannedFinishOn ?? null,
        plan.fundsCentral ?? null,
        plan.fundsLocal ?? null,
        plan.fundsSelf ?? null,
        plan.notes ?? null,
        at,
        step.by ?? null,
      );
      // The plan's history, as the timeline reads it.
      prepared(db, 'INSERT INTO plan_saves (case_id, house_id, plan, saved_on, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?)').run(
        caseId,
        houseId,
        JSON.stringify(plan),
        step.on,
        at,
        step.by ?? null,
      );
      return completed;
    }
    case 'start_works':
      set('works_started_on', step.on);
      return completed;
    case 'complete_works':
      set('works_completed_on', step.on);
      return step.on;
    case 'fail_acceptance':
      // Back to works: they are not finished until completed again.
      set('works_completed_on', null);
      return null;
    case 'accept':
      set('accepted_on', step.on);
      return completed;
    case 'close_out':
      set('closed_out_on', step.on);
      return completed;
    default:
      return completed;
  }
}
