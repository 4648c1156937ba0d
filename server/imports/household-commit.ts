// Writing a households import's plan (households.ts) in the commit's one transaction: new villages and
// groups first (their rows need them), then each household, its house and its imported appraisal. A
// C/D appraisal lists the house through db/ledger.ts moveHouse — its case opened from 'import', the
// works deadline counted from the appraisal's day (seed 001) — as an appraisal entered by hand does.
import type { Db } from '../db/connection.ts';
import { refreshHouseFlags } from '../db/house-flags.ts';
import {
  followLatestAppraisal,
  insertHouse,
  insertHousehold,
  insertImportedAppraisal,
  insertRegion,
  lastHouseholdSeq,
  updateHouse,
  updateHousehold,
  type HouseholdColumns,
  type HouseholdChange,
} from '../db/import-households.ts';
import { moveHouse } from '../db/ledger.ts';
import { HttpError } from '../http/errors.ts';
import type { HouseholdPlan, PlannedHousehold } from './households.ts';
import type { CommitContext } from './kind.ts';

export function writeHouseholdPlan(db: Db, plan: HouseholdPlan, ctx: CommitContext): Record<string, number> {
  if (plan.newRegions.length > 0 && !ctx.confirmNewRegions) {
    throw new HttpError(409, 'regions_unconfirmed', `the file creates ${plan.newRegions.length} village(s) or group(s): confirm them first`, 'confirmNewRegions');
  }
  const counts = { created: 0, updated: 0, appraisals: 0, listed: 0, villages: 0, groups: 0 };
  const seqs = new Map<string, number>();
  /** 户编号 for a household the file gives none: the seed's form, next in its village. */
  const nextNumber = (village: string) => {
    const seq = (seqs.get(village) ?? lastHouseholdSeq(db, village)) + 1;
    seqs.set(village, seq);
    return `${village}-${String(seq).padStart(5, '0')}`;
  };
  return db.transaction(() => {
    for (const r of plan.newRegions) {
      insertRegion(db, r);
      counts[r.level === 'village' ? 'villages' : 'groups']++;
    }
    for (const p of plan.rows) {
      const houseId = p.householdId === null ? create(db, p, nextNumber, ctx.batchId) : update(db, p, ctx.batchId);
      if (p.householdId === null) counts.created++;
      else counts.updated++;
      if (!p.appraisal) continue;
      const a = p.appraisal;
      const moved = a.moves
        ? moveHouse(db, houseId, 'appraise', {
            actor: { id: ctx.actor.id, username: ctx.actor.username },
            now: ctx.now,
            onDate: a.on,
            source: 'import',
            ctx: { grade: a.grade },
            detail: { appraisalKind: 'formal', org: a.org, importBatchId: ctx.batchId },
          })
        : null;
      insertImportedAppraisal(db, houseId, a, moved?.caseId ?? null, ctx.actor.id, ctx.now);
      if (a.latest) followLatestAppraisal(db, houseId);
      refreshHouseFlags(db, houseId);
      counts.appraisals++;
      if (moved && moved.to === 'listed' && moved.from !== 'listed') counts.listed++;
    }
    return counts;
  })();
}

function create(db: Db, p: PlannedHousehold, nextNumber: (village: string) => string, batchId: number): number {
  const h = p.household as Omit<HouseholdColumns, 'household_no'> & { household_no: string | null };
  const householdId = insertHousehold(db, { ...h, household_no: h.household_no ?? nextNumber(h.village_code) }, batchId);
  return insertHouse(db, householdId, p.house!, batchId);
}

function update(db: Db, p: PlannedHousehold, batchId: number): number {
  const change = p.household as HouseholdChange;
  if (Object.keys(change).length > 0) updateHousehold(db, p.householdId!, change, batchId);
  if (p.houseId === null) return insertHouse(db, p.householdId!, p.house!, batchId);
  if (p.house) updateHouse(db, p.houseId, p.house, batchId);
  return p.houseId;
}
