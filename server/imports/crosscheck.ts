// Cross-check with the national rural-housing system (账账相符, seed 004: the field app, the national
// system and the poverty system must agree; compare at least weekly). An export of the national system
// is compared with Anju household by household, matched by ID-card hash within the uploader's
// jurisdiction: every field that differs (grade, structure, guarantee mode, category), households only
// the national system lists, households only Anju lists. Read-only: it lists, it never writes.
import { householdsOnRecord, type HouseholdOnRecord } from '../db/import-crosscheck.ts';
import { placeRows } from '../db/import-households.ts';
import type { ImportFieldKey } from './fields.ts';
import type { CheckInput, Checked, ImportKind } from './kind.ts';
import { incompleteReport, readList, rowProblem, type ListRow } from './list-rows.ts';
import { Places } from './places.ts';

/** How many mismatches the report carries; the summary counts them all. */
export const MISMATCH_ROWS = 5_000;

export const COMPARED_FIELDS = ['grade', 'structure', 'guarantee_mode', 'category'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface Mismatch {
  /** A field differs; the household is only in the national export; only in Anju; delisted in Anju but still in the national list. */
  type: 'field' | 'only_national' | 'only_anju' | 'delisted';
  field: ComparedField | null;
  /** Anju's value (null: none recorded — never appraised, structure not surveyed). */
  anju: string | null;
  national: string | null;
  /** The export's line (null for a household only in Anju). */
  line: number | null;
  householdId: number | null;
  householdNo: string | null;
  headName: string;
  /** Masked. */
  idCard: string;
  villageCode: string;
  villageName: string;
}

export interface CrosscheckPlan {
  /** Every mismatch (the report keeps the first MISMATCH_ROWS), for the CSV. */
  mismatches: Mismatch[];
}

const REQUIRED: (ImportFieldKey | ImportFieldKey[])[] = ['head_name', 'id_card', ['village', 'village_code'], [...COMPARED_FIELDS]];

/** Anju's value of a compared field; an estimated structure is no value at all. */
function anjuValue(h: HouseholdOnRecord, field: ComparedField): string | null {
  switch (field) {
    case 'grade':
      return h.grade;
    case 'structure':
      return h.structureEstimated ? null : h.structure;
    case 'guarantee_mode':
      return h.guaranteeMode;
    case 'category':
      return h.category;
  }
}

const nationalValue = (row: ListRow, field: ComparedField): string | null =>
  ({ grade: row.grade, structure: row.structure, guarantee_mode: row.guaranteeMode, category: row.category })[field];

export async function checkCrosscheck(input: CheckInput): Promise<Checked<CrosscheckPlan>> {
  const places = new Places(placeRows(input.db));
  const list = await readList(input, places, { required: REQUIRED, points: false });
  // Without its key columns every household would seem to be only in Anju.
  if (!list.complete) return { report: incompleteReport(list), plan: { mismatches: [] } };
  const anju = householdsOnRecord(input.db, input.scope);
  const byHash = new Map(anju.map((h) => [h.idHash, h]));
  const matched = new Map<number, number>();
  const mismatches: Mismatch[] = [];
  const householdsMismatched = new Set<number>();
  let onlyNational = 0;

  for (const row of list.rows) {
    const h = byHash.get(row.idHash);
    const who = { line: row.line, headName: row.headName, idCard: row.idMasked };
    if (!h) {
      onlyNational++;
      mismatches.push({ type: 'only_national', field: null, anju: null, national: null, householdId: null, householdNo: row.householdNo, villageCode: row.village.code, villageName: row.village.name, ...who });
      continue;
    }
    const first = matched.get(h.id);
    if (first !== undefined) {
      rowProblem(list, row, 'id_card', 'duplicate_in_file', `与第 ${first} 行是同一户（${h.householdNo}）`, row.idMasked);
      continue;
    }
    matched.set(h.id, row.line);
    const where = { householdId: h.id, householdNo: h.householdNo, villageCode: h.villageCode, villageName: h.villageName, ...who };
    if (h.delistedOn !== null) {
      householdsMismatched.add(h.id);
      mismatches.push({ type: 'delisted', field: null, anju: h.delistedOn, national: null, ...where });
    }
    for (const field of COMPARED_FIELDS) {
      const national = nationalValue(row, field);
      if (national === null) continue; // the export does not say
      const own = anjuValue(h, field);
      if (own === national) continue;
      householdsMismatched.add(h.id);
      mismatches.push({ type: 'field', field, anju: own, national, ...where });
    }
  }

  let onlyAnju = 0;
  for (const h of anju) {
    if (matched.has(h.id) || h.delistedOn !== null) continue;
    onlyAnju++;
    mismatches.push({
      type: 'only_anju',
      field: null,
      anju: null,
      national: null,
      line: null,
      householdId: h.id,
      householdNo: h.householdNo,
      headName: h.headName,
      idCard: h.idMasked,
      villageCode: h.villageCode,
      villageName: h.villageName,
    });
  }

  const { problems } = list;
  return {
    report: {
      ...list.report,
      problems: problems.kept,
      problemsTotal: problems.total,
      problemCounts: problems.counts,
      summary: {
        matched: matched.size,
        mismatches: mismatches.filter((m) => m.type === 'field' || m.type === 'delisted').length,
        householdsMismatched: householdsMismatched.size,
        onlyNational,
        onlyAnju,
      },
      crosscheck: { mismatches: mismatches.slice(0, MISMATCH_ROWS) },
    },
    plan: { mismatches },
  };
}

export const crosscheckKind: ImportKind<CrosscheckPlan> = {
  name: 'crosscheck',
  accepts: ['csv', 'xlsx'],
  writes: false,
  check: checkCrosscheck,
};
