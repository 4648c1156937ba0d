// Houses put into given ledger states for the API tests, written straight into the tables through the
// seed's ledger writer (data/ledger-writer.ts: every step checked by the machine's `move`), so these
// tests do not depend on the routes that move houses.
import type { Db } from '../../server/db/connection.ts';
import { addDays } from '../../server/domain/deadlines.ts';
import type { LedgerAction, LedgerState } from '../../server/domain/ledger-states.ts';
import { writeHouseLedger, type Episode, type LedgerStep, type PlanMode } from '../../data/ledger-writer.ts';

const WORKS: LedgerAction[] = ['appraise', 'plan', 'start_works', 'complete_works', 'accept', 'close_out'];
const GUARANTEE: LedgerAction[] = ['appraise', 'plan', 'guarantee', 'leave_idle', 'seal', 'demolish', 'close'];

/** The actions that take a monitored house to each state. */
const PATHS: Record<Exclude<LedgerState, 'monitoring'>, LedgerAction[]> = {
  suspected: ['suspect'],
  listed: WORKS.slice(0, 1),
  planned: WORKS.slice(0, 2),
  under_works: WORKS.slice(0, 3),
  completed: WORKS.slice(0, 4),
  accepted: WORKS.slice(0, 5),
  closed_out: WORKS,
  guaranteed: GUARANTEE.slice(0, 3),
  idle: GUARANTEE.slice(0, 4),
  sealed: GUARANTEE.slice(0, 5),
  demolished: GUARANTEE.slice(0, 6),
  closed: GUARANTEE,
};

export interface Placement {
  grade?: 'C' | 'D';
  /** The appraisal that found it dangerous (or the suspicion); later steps follow 10 days apart (after `completedOn`, from it). */
  on?: string;
  mode?: PlanMode;
  /** The works' completion day, when the path gets that far. */
  completedOn?: string;
  habitable?: boolean;
  /** The household moved out on this day (an open relocation). */
  relocatedOn?: string;
  idleChecks?: string[];
}

/** Puts a monitored house into `state` along the machine's path; returns the case id. */
export function putInLedger(db: Db, houseId: number, state: Exclude<LedgerState, 'monitoring'>, p: Placement = {}): number {
  const on = p.on ?? '2026-03-10';
  const path = PATHS[state];
  const mode: PlanMode = path.includes('guarantee') ? 'guarantee' : (p.mode ?? 'repair_strengthen');
  let day = addDays(on, -10);
  const steps: LedgerStep[] = path.map((action, i) => {
    day = action === 'complete_works' && p.completedOn ? p.completedOn : addDays(day, 10);
    const step: LedgerStep = { action, on: day };
    if (action === 'appraise') step.appraisal = { grade: p.grade ?? 'D', kind: 'formal', appraiserId: null, appraiser: '测试鉴定员', org: '测试' };
    if (action === 'seal') step.detail = { signPosted: true };
    if (i === 0 && p.habitable !== undefined) step.habitable = p.habitable;
    return step;
  });
  const episode: Episode = {
    source: path[0] === 'suspect' ? 'patrol' : 'appraisal',
    steps,
    plan: mode === 'guarantee' ? { mode, guaranteeMode: 'relatives', responsible: {} } : { mode, responsible: { works: { name: '测试' } } },
    ...(p.relocatedOn ? { relocation: { place: '亲戚家', placeKind: 'relatives', people: 2, movedOn: p.relocatedOn, returnedOn: null } } : {}),
    ...(p.idleChecks ? { idleChecks: p.idleChecks.map((d) => ({ checkedOn: d, by: 1, stillEmpty: true, signPresent: true })) } : {}),
  };
  return writeHouseLedger(db, houseId, [episode]).caseIds[0]!;
}

export interface SceneHouse {
  houseId: number;
  householdId: number;
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  /** Its latest appraisal, if any. */
  appraisedOn: string | null;
}

/** Plain monitored current houses of a region (township or village code), in id order. */
export function monitoredHouses(db: Db, regionCode: string, n: number): SceneHouse[] {
  return db
    .prepare(
      `SELECT o.id AS houseId, h.id AS householdId, h.household_no AS householdNo, h.township_code AS townshipCode, h.village_code AS villageCode,
              o.appraised_on AS appraisedOn
         FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
        WHERE (h.township_code = ? OR h.village_code = ?) AND o.status = 'monitoring' ORDER BY o.id LIMIT ?`,
    )
    .all(regionCode, regionCode, n) as SceneHouse[];
}

/** Sets the day a household entered the monitored list (seed 003's one-month rule counts from it). */
export function listOn(db: Db, householdId: number, day: string | null): void {
  db.prepare('UPDATE households SET listed_on = ? WHERE id = ?').run(day, householdId);
}

/** Records an appraisal of a house on `day` (outside any case). */
export function appraiseOn(db: Db, houseId: number, day: string, grade: 'A' | 'B' = 'B'): void {
  db.prepare("INSERT INTO appraisals (house_id, appraised_on, grade, kind) VALUES (?, ?, ?, 'formal')").run(houseId, day, grade);
}
