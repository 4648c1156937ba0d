// Name-list sync (部门数据共享, seed 002): civil affairs and rural revitalisation send the updated list
// of monitored households; Anju shows what differs from its own — households new to the list, gone
// from it, or whose category, size or guarantee mode changed — and applies it in one transaction.
// A new household gets a house (at the list's coordinates, else at its village's centre, marked
// estimated) and is listed today, so seed 003's appraisal within one month falls due for it. A household
// gone from the list is marked delisted, never deleted; one that returns on a later list is listed again.
// Matched by the ID-card hash, then by household number; only within the uploader's jurisdiction.
import { maskIdCard, maskPhone } from '../domain/masking.ts';
import { GUARANTEE_PENDING, STRUCTURE_PLACEHOLDER } from '../domain/housing.ts';
import type { Db } from '../db/connection.ts';
import { placeRows } from '../db/import-households.ts';
import {
  delistHousehold,
  householdPlaces,
  householdsToCompare,
  insertListedHousehold,
  relistHousehold,
  takenHouseholdNos,
  updateListedHousehold,
  villageCentre,
  type HouseholdUpdate,
  type ListedHousehold,
  type NewHousehold,
} from '../db/import-namelist.ts';
import type { ImportFieldKey } from './fields.ts';
import type { CheckInput, Checked, CommitContext, ImportKind } from './kind.ts';
import { incompleteReport, readList, rowProblem, type ListRow, type ReadList } from './list-rows.ts';
import { Places } from './places.ts';

/** How many rows of each difference the report carries; the summary counts them all. */
export const DIFF_ROWS = 2_000;

export type DiffType = 'added' | 'left' | 'changed';

export interface DiffChange {
  field: 'category' | 'members' | 'guarantee_mode';
  from: string | number;
  to: string | number;
}

/** One household that differs, as the report and the CSV show it: the ID card masked. */
export interface DiffRow {
  type: DiffType;
  /** The file's line (null for a household that left: it is not in the file). */
  line: number | null;
  /** Null for a household not yet in Anju. */
  householdId: number | null;
  householdNo: string | null;
  headName: string;
  idCard: string;
  villageCode: string;
  villageName: string;
  /** Added: the household was delisted before and comes back. */
  back?: boolean;
  /** Changed (or added back with new values): old → new. */
  changes?: DiffChange[];
}

export interface NamelistPlan {
  added: NewHousehold[];
  relisted: { id: number; set: HouseholdUpdate }[];
  changed: { id: number; set: HouseholdUpdate }[];
  left: number[];
  unchanged: number;
  /** Every difference (the report keeps the first DIFF_ROWS of each), for the CSV. */
  diff: DiffRow[];
}

const REQUIRED: (ImportFieldKey | ImportFieldKey[])[] = ['head_name', 'id_card', ['village', 'village_code'], 'group', 'members', 'category'];

/** The fields a list may change, old → new, for those the row gives. */
function changesOf(row: ListRow, h: ListedHousehold): { set: HouseholdUpdate; changes: DiffChange[] } {
  const set: HouseholdUpdate = {};
  const changes: DiffChange[] = [];
  if (row.category !== null && row.category !== h.category) {
    set.category = row.category;
    changes.push({ field: 'category', from: h.category, to: row.category });
  }
  if (row.members !== null && row.members !== h.members) {
    set.members = row.members;
    changes.push({ field: 'members', from: h.members, to: row.members });
  }
  if (row.guaranteeMode !== null && row.guaranteeMode !== h.guaranteeMode) {
    set.guaranteeMode = row.guaranteeMode;
    changes.push({ field: 'guarantee_mode', from: h.guaranteeMode, to: row.guaranteeMode });
  }
  return { set, changes };
}

export async function checkNamelist(input: CheckInput): Promise<Checked<NamelistPlan>> {
  const { db, scope } = input;
  const places = new Places(placeRows(db));
  const list = await readList(input, places, { required: REQUIRED, points: true });
  // Without its key columns every household would seem to have left the list.
  if (!list.complete) return { report: incompleteReport(list), plan: { added: [], relisted: [], changed: [], left: [], unchanged: 0, diff: [] } };
  const anju = householdsToCompare(db, scope);
  const byHash = new Map(anju.map((h) => [h.idHash, h]));
  const byNo = new Map(anju.map((h) => [h.householdNo, h]));
  // Numbers the file gives to households Anju does not know here: taken elsewhere in the county?
  const taken = takenHouseholdNos(
    db,
    list.rows.flatMap((r) => (r.householdNo && !byHash.has(r.idHash) && !byNo.has(r.householdNo) ? [r.householdNo] : [])),
  );
  const elsewhere = householdPlaces(
    db,
    list.rows.flatMap((r) => (!byHash.has(r.idHash) && !(r.householdNo && byNo.has(r.householdNo)) ? [r.idHash] : [])),
  );

  const plan: NamelistPlan = { added: [], relisted: [], changed: [], left: [], unchanged: 0, diff: [] };
  const claimed = new Map<number, number>();
  const diffOf = (type: DiffType, row: ListRow | null, h: ListedHousehold | null, extra: Partial<DiffRow> = {}): DiffRow => ({
    type,
    line: row?.line ?? null,
    householdId: h?.id ?? null,
    householdNo: h?.householdNo ?? row?.householdNo ?? null,
    headName: row?.headName ?? h!.headName,
    idCard: row?.idMasked ?? h!.idMasked,
    villageCode: row?.village.code ?? h!.villageCode,
    villageName: row?.village.name ?? h!.villageName,
    ...extra,
  });

  for (const row of list.rows) {
    const h = byHash.get(row.idHash) ?? (row.householdNo ? byNo.get(row.householdNo) : undefined);
    if (h) {
      const first = claimed.get(h.id);
      if (first !== undefined) {
        rowProblem(list, row, 'id_card', 'duplicate_household', `与第 ${first} 行是 Anju 中的同一户（${h.householdNo}）`, row.idMasked);
        continue;
      }
      claimed.set(h.id, row.line);
      const { set, changes } = changesOf(row, h);
      if (h.delistedOn !== null) {
        plan.relisted.push({ id: h.id, set });
        plan.diff.push(diffOf('added', row, h, { back: true, ...(changes.length ? { changes } : {}) }));
      } else if (changes.length > 0) {
        plan.changed.push({ id: h.id, set });
        plan.diff.push(diffOf('changed', row, h, { changes }));
      } else plan.unchanged++;
      continue;
    }
    const other = elsewhere.get(row.idHash);
    if (other) {
      rowProblem(list, row, 'id_card', 'household_elsewhere', `此身份证号的户已在${other}登记，不在本名单的范围内；请核实后在原地修改`, row.idMasked);
      continue;
    }
    if (row.householdNo && taken.has(row.householdNo)) {
      rowProblem(list, row, 'household_no', 'household_no_taken', `户编号 ${row.householdNo} 已被另一户使用`, row.householdNo);
      continue;
    }
    const added = newHousehold(list, row, input);
    if (!added) continue;
    plan.added.push(added);
    plan.diff.push(diffOf('added', row, null));
  }

  // Civil-affairs lists often come one township at a time: only the townships the file speaks for can
  // have households that left it. A county user's one-township file must not delist the other townships.
  const covered = new Set(list.rows.map((r) => r.village.townshipCode));
  let notCovered = 0;
  for (const h of anju) {
    if (claimed.has(h.id) || h.delistedOn !== null) continue;
    if (!covered.has(h.townshipCode)) {
      notCovered++;
      continue;
    }
    plan.left.push(h.id);
    plan.diff.push(diffOf('left', null, h));
  }

  const first = (type: DiffType) => plan.diff.filter((d) => d.type === type).slice(0, DIFF_ROWS);
  const { problems } = list;
  return {
    report: {
      ...list.report,
      problems: problems.kept,
      problemsTotal: problems.total,
      problemCounts: problems.counts,
      summary: {
        added: plan.added.length + plan.relisted.length,
        addedBack: plan.relisted.length,
        left: plan.left.length,
        changed: plan.changed.length,
        unchanged: plan.unchanged,
        townshipsCovered: covered.size,
        notCovered,
      },
      namelist: { added: first('added'), left: first('left'), changed: first('changed') },
    },
    plan,
  };
}

/** A row not in Anju, sealed and placed — or null with its problems reported (a new household needs a group, a size and a category). */
function newHousehold(list: ReadList, row: ListRow, input: CheckInput): NewHousehold | null {
  const missing: [ImportFieldKey, string][] = [];
  if (!row.groupCode) missing.push(['group', '新增户需要填写所属组']);
  if (row.members === null) missing.push(['members', '新增户需要填写家庭人口']);
  if (row.category === null) missing.push(['category', '新增户需要填写监测对象类别']);
  const center = row.point ? null : villageCentre(input.db, row.village.code);
  if (!row.point && !center) missing.push(['lon', `${row.village.name}没有中心点，新增户需要填写经纬度`]);
  for (const [field, message] of missing) rowProblem(list, row, field, 'required', message);
  if (missing.length > 0) return null;
  const { cipher } = input;
  const point = row.point;
  return {
    householdNo: row.householdNo,
    townshipCode: row.village.townshipCode,
    villageCode: row.village.code,
    groupCode: row.groupCode!,
    headName: row.headName,
    idCardEnc: cipher.encrypt(row.idCard),
    idCardHash: Buffer.from(row.idHash, 'hex'),
    idCardMasked: maskIdCard(row.idCard),
    phoneEnc: row.phone ? cipher.encrypt(row.phone) : null,
    phoneHash: row.phone ? cipher.hash(row.phone) : null,
    phoneMasked: row.phone ? maskPhone(row.phone) : null,
    members: row.members!,
    category: row.category!,
    guaranteeMode: row.guaranteeMode ?? GUARANTEE_PENDING,
    house: {
      lon: point ? point.lon : center![0],
      lat: point ? point.lat : center![1],
      locationEstimated: !point,
      source: point ? { crs: point.crs, lon: point.sourceLon, lat: point.sourceLat } : null,
      structure: row.structure ?? STRUCTURE_PLACEHOLDER,
      structureEstimated: row.structure === null,
    },
  };
}

/**
 * Applies a checked list in one transaction. The batch machinery writes the audit row with these counts
 * in the same transaction (workers/imports.ts); every household written here carries the batch's id,
 * so which list added, delisted or changed it is found from the household.
 */
export function commitNamelist(db: Db, plan: NamelistPlan, ctx: CommitContext): Record<string, number> {
  return db.transaction(() => {
    for (const h of plan.added) insertListedHousehold(db, h, ctx.batchId, ctx.today);
    for (const r of plan.relisted) relistHousehold(db, r.id, r.set, ctx.today, ctx.batchId);
    for (const c of plan.changed) updateListedHousehold(db, c.id, c.set, ctx.batchId);
    for (const id of plan.left) delistHousehold(db, id, ctx.today, ctx.batchId);
    return { added: plan.added.length + plan.relisted.length, addedBack: plan.relisted.length, left: plan.left.length, changed: plan.changed.length, unchanged: plan.unchanged };
  })();
}

export const namelistKind: ImportKind<NamelistPlan> = {
  name: 'namelist',
  accepts: ['csv', 'xlsx'],
  writes: true,
  check: checkNamelist,
  commit: commitNamelist,
};
