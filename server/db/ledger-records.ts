// What a ledger case collects besides its moves: the rectification plan (整改方案, 四清一责任), photos by
// stage, where the household lives meanwhile (过渡安置) and the checks on an idle dangerous house (闲置危房).
// Each write is audited in its own transaction; a plan's first save and a relocation move the ledger
// through db/ledger.ts (the state and the move-out flag are written nowhere else).
import type { LedgerState } from '../domain/ledger-states.ts';
import { HttpError } from '../http/errors.ts';
import { writeAudit } from './audit.ts';
import type { Db } from './connection.ts';
import { moveHouse, refreshMoveOut, type LedgerHouse } from './ledger.ts';
import { prepared } from './statements.ts';

type SignedIn = { id: number; username: string };

export const PLAN_MODES = ['repair_strengthen', 'rebuild', 'new_site', 'guarantee'] as const;
export const PLAN_GUARANTEE_MODES = ['public_rental', 'happiness_yard', 'relatives', 'rental', 'idle_public', 'elder_care', 'other'] as const;
export const CASE_PHOTO_STAGES = ['before', 'during', 'after', 'acceptance', 'sign', 'sealed', 'demolished'] as const;
export const RELOCATION_PLACES = ['relatives', 'public_rental', 'happiness_yard', 'rental', 'village_room', 'tent', 'other'] as const;

export interface Responsible {
  name: string;
  userId?: number | undefined;
}

export interface PlanInput {
  mode: (typeof PLAN_MODES)[number];
  guaranteeMode?: (typeof PLAN_GUARANTEE_MODES)[number] | undefined;
  responsible: Partial<Record<'problem' | 'appraisal' | 'works' | 'acceptance', Responsible>>;
  plannedStartOn?: string | undefined;
  plannedFinishOn?: string | undefined;
  fundsCentral?: number | undefined;
  fundsLocal?: number | undefined;
  fundsSelf?: number | undefined;
  notes?: string | undefined;
}

/** A plan is set once the house is listed C/D; not while merely suspected, nor after its case ended. */
const PLANNABLE: readonly LedgerState[] = ['listed', 'planned', 'under_works', 'completed', 'accepted', 'guaranteed', 'idle', 'sealed', 'demolished'];

function openCaseOf(house: LedgerHouse, what: string, states: readonly LedgerState[]): number {
  if (house.caseId === null || !states.includes(house.status)) {
    throw new HttpError(409, 'not_in_ledger', `a house that is ${house.status} has no ${what}`, 'id');
  }
  return house.caseId;
}

/** Saves the case's plan (the one in force, and one more entry in its history); the first save on a listed house plans it on `onDate`. */
export function savePlan(db: Db, house: LedgerHouse, plan: PlanInput, onDate: string, actor: SignedIn, now: Date): void {
  const caseId = openCaseOf(house, 'rectification plan', PLANNABLE);
  db.transaction(() => {
    const before = prepared(db, 'SELECT * FROM rectification_plans WHERE case_id = ?').get(caseId) as Record<string, unknown> | undefined;
    const row = {
      caseId,
      house: house.id,
      mode: plan.mode,
      guaranteeMode: plan.guaranteeMode ?? null,
      responsible: JSON.stringify(plan.responsible),
      start: plan.plannedStartOn ?? null,
      finish: plan.plannedFinishOn ?? null,
      central: plan.fundsCentral ?? null,
      local: plan.fundsLocal ?? null,
      self: plan.fundsSelf ?? null,
      notes: plan.notes ?? null,
      at: now.toISOString(),
      by: actor.id,
    };
    prepared(
      db,
      `INSERT INTO rectification_plans (case_id, house_id, mode, guarantee_mode, responsible, planned_start_on, planned_finish_on,
                                        funds_central, funds_local, funds_self, notes, updated_at, updated_by)
       VALUES (@caseId, @house, @mode, @guaranteeMode, @responsible, @start, @finish, @central, @local, @self, @notes, @at, @by)
       ON CONFLICT (case_id) DO UPDATE SET mode = excluded.mode, guarantee_mode = excluded.guarantee_mode,
         responsible = excluded.responsible, planned_start_on = excluded.planned_start_on, planned_finish_on = excluded.planned_finish_on,
         funds_central = excluded.funds_central, funds_local = excluded.funds_local, funds_self = excluded.funds_self,
         notes = excluded.notes, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(row);
    prepared(db, 'INSERT INTO plan_saves (case_id, house_id, plan, saved_on, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?)').run(
      caseId,
      house.id,
      JSON.stringify(plan),
      onDate,
      now.toISOString(),
      actor.id,
    );
    writeAudit(db, { userId: actor.id, username: actor.username, action: 'plan.save', entity: 'house', entityId: house.id, before, after: { caseId, ...plan } }, now);
    if (house.status === 'listed') moveHouse(db, house.id, 'plan', { actor, now, onDate, detail: { mode: plan.mode } });
  })();
}

/** A photo of the case by stage (before/after works, the sign, the sealed house): uploader-only, checked by the caller. */
export function addCasePhoto(db: Db, house: LedgerHouse, sha256: string, stage: (typeof CASE_PHOTO_STAGES)[number], actor: SignedIn, now: Date): void {
  const caseId = openCaseOf(house, 'open case', [...PLANNABLE, 'suspected']);
  db.transaction(() => {
    const added = prepared(db, 'INSERT OR IGNORE INTO case_photos (case_id, sha256, stage, added_at, added_by) VALUES (?, ?, ?, ?, ?)').run(
      caseId,
      sha256,
      stage,
      now.toISOString(),
      actor.id,
    );
    if (added.changes === 0) throw new HttpError(409, 'duplicate_photo', 'this photo is already in the case', 'sha256');
    writeAudit(db, { userId: actor.id, username: actor.username, action: 'case.photo', entity: 'house', entityId: house.id, after: { caseId, sha256, stage } }, now);
  })();
}

export interface RelocationInput {
  place: string;
  placeKind: (typeof RELOCATION_PLACES)[number];
  movedOn: string;
  people: number;
}

/** People first (过渡安置): the household is recorded as moved out; the move-out flag drops. */
export function addRelocation(db: Db, house: LedgerHouse, r: RelocationInput, actor: SignedIn, now: Date): number {
  const caseId = openCaseOf(house, 'open case to move out of', [...PLANNABLE, 'suspected']);
  if (r.people > house.members) {
    throw new HttpError(400, 'invalid_input', `the household has ${house.members} members, not ${r.people}`, 'people');
  }
  return db.transaction(() => {
    const open = prepared(db, 'SELECT id FROM relocations WHERE household_id = ? AND returned_on IS NULL').get(house.householdId);
    if (open) throw new HttpError(409, 'already_relocated', 'the household is already recorded as moved out: record its return first', 'id');
    const id = Number(
      prepared(
        db,
        `INSERT INTO relocations (house_id, household_id, case_id, place, place_kind, moved_on, people, recorded_at, recorded_by)
         VALUES (@house, @household, @caseId, @place, @placeKind, @movedOn, @people, @at, @by)`,
      ).run({ house: house.id, household: house.householdId, caseId, ...r, at: now.toISOString(), by: actor.id }).lastInsertRowid,
    );
    const moveOut = refreshMoveOut(db, house.id);
    writeAudit(db, { userId: actor.id, username: actor.username, action: 'relocation.create', entity: 'house', entityId: house.id, after: { id, caseId, ...r, moveOutRequired: moveOut } }, now);
    return id;
  })();
}

/** The household is back in a safe house: the relocation ends (and the flag returns if the house is still unsafe). */
export function returnRelocation(db: Db, house: LedgerHouse, relocationId: number, returnedOn: string, actor: SignedIn, now: Date): void {
  db.transaction(() => {
    const r = prepared(db, 'SELECT moved_on, returned_on FROM relocations WHERE id = ? AND house_id = ?').get(relocationId, house.id) as
      | { moved_on: string; returned_on: string | null }
      | undefined;
    if (!r) throw new HttpError(404, 'relocation_not_found', `house ${house.id} has no relocation ${relocationId}`, 'rid');
    if (r.returned_on !== null) throw new HttpError(409, 'already_returned', `the household returned on ${r.returned_on}`, 'rid');
    if (returnedOn < r.moved_on) throw new HttpError(400, 'date_out_of_order', `returnedOn ${returnedOn} is before movedOn ${r.moved_on}`, 'returnedOn');
    prepared(db, 'UPDATE relocations SET returned_on = ? WHERE id = ?').run(returnedOn, relocationId);
    const moveOut = refreshMoveOut(db, house.id);
    writeAudit(db, { userId: actor.id, username: actor.username, action: 'relocation.return', entity: 'house', entityId: house.id, after: { id: relocationId, returnedOn, moveOutRequired: moveOut } }, now);
  })();
}

export interface IdleCheckInput {
  checkedOn: string;
  stillEmpty: boolean;
  signPresent: boolean;
  notes?: string | undefined;
  photos: string[];
}

/** An idle dangerous house looked at (seed 001: 专人定期查看): still empty, sign still up? Photos uploader-only, checked by the caller. */
export function addIdleCheck(db: Db, house: LedgerHouse, c: IdleCheckInput, actor: SignedIn, now: Date): number {
  const caseId = openCaseOf(house, 'idle dangerous house to check', ['idle', 'sealed']);
  return db.transaction(() => {
    const id = Number(
      prepared(
        db,
        `INSERT INTO idle_house_checks (house_id, case_id, checked_on, checked_by, still_empty, sign_present, notes, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(house.id, caseId, c.checkedOn, actor.id, c.stillEmpty ? 1 : 0, c.signPresent ? 1 : 0, c.notes ?? null, now.toISOString()).lastInsertRowid,
    );
    const link = prepared(db, 'INSERT INTO idle_check_photos (check_id, sha256) VALUES (?, ?)');
    for (const sha of new Set(c.photos)) link.run(id, sha);
    writeAudit(db, { userId: actor.id, username: actor.username, action: 'idle_check.create', entity: 'house', entityId: house.id, after: { id, caseId, ...c } }, now);
    return id;
  })();
}
