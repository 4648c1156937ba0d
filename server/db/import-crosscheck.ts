// The cross-check's one read (账账相符, seed 004): the households of a jurisdiction with what the national
// rural-housing system also records — grade, structure, guarantee mode, category — keyed by ID-card hash.
import type { Db } from './connection.ts';
import { regionClause, type RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

export interface HouseholdOnRecord {
  id: number;
  householdNo: string;
  /** Hex of households.id_card_hash. */
  idHash: string;
  headName: string;
  idMasked: string;
  villageCode: string;
  villageName: string;
  category: string;
  guaranteeMode: string;
  grade: string | null;
  structure: string;
  /** A name-list house nobody surveyed (migration 018): its structure is a placeholder. */
  structureEstimated: boolean;
  delistedOn: string | null;
}

export function householdsOnRecord(db: Db, scope: RegionRef): HouseholdOnRecord[] {
  const params: Record<string, unknown> = {};
  const clause = regionClause(scope, 'scope', params);
  return (
    prepared(
      db,
      `SELECT h.id, h.household_no AS householdNo, lower(hex(h.id_card_hash)) AS idHash, h.head_name AS headName,
              h.id_card_masked AS idMasked, h.village_code AS villageCode, v.name AS villageName, h.category,
              h.guarantee_mode AS guaranteeMode, o.grade, o.structure, o.structure_estimated AS structureEstimated,
              h.delisted_on AS delistedOn
         FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1 JOIN regions v ON v.code = h.village_code
        ${clause ? `WHERE ${clause}` : ''} ORDER BY h.id`,
    ).all(params) as (Omit<HouseholdOnRecord, 'structureEstimated'> & { structureEstimated: number })[]
  ).map((r) => ({ ...r, structureEstimated: r.structureEstimated === 1 }));
}
