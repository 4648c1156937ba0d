// The households import (户 + 房 + 鉴定): a county ledger exported from the national rural-housing
// system or kept by township staff, one row per household. The check reads every row (household-rows.ts),
// finds its place (places.ts), its duplicates in the file, the household already on record — by 户编号
// when the file has it, else by the ID card's keyed hash — and works out what a commit would write,
// sealing personal data as the seed does. Rows that would change nothing are left out of the plan, so
// importing the same file again writes nothing. The commit only writes (db/import-households.ts).
import {
  appraisalRecorded,
  householdById,
  householdByNo,
  householdsByIdCard,
  placeRows,
  type ExistingHousehold,
  type HouseColumns,
  type HouseholdChange,
  type HouseholdColumns,
  type ImportedAppraisal,
  type NewRegionRow,
} from '../db/import-households.ts';
import { maskIdCard, maskPhone } from '../domain/masking.ts';
import { fieldOf, suggestMapping, rowFields, type ImportFieldKey } from './fields.ts';
import { readHouseholdRow, REQUIRED_FIELDS, type HouseholdRow } from './household-rows.ts';
import { writeHouseholdPlan } from './household-commit.ts';
import { ProblemList, type CheckInput, type Checked, type CheckReport, type ImportKind } from './kind.ts';
import { Places, type Place } from './places.ts';
import { readSheet } from './sheet.ts';
import type { VocabularyField } from './vocabulary.ts';

export interface PlannedAppraisal extends ImportedAppraisal {
  /** The house's newest appraisal: its grade becomes the house's. */
  latest: boolean;
  /** It moves the ledger (C/D lists the house; A/B clears a running case) through moveHouse. */
  moves: boolean;
}

export interface PlannedHousehold {
  line: number;
  /** null: a new household. */
  householdId: number | null;
  /** null: a new house (a new household, or one with no current house). */
  houseId: number | null;
  /** New: every column (household_no null → numbered in its village on commit). Known: the columns that change. */
  household: (Omit<HouseholdColumns, 'household_no'> & { household_no: string | null }) | HouseholdChange;
  /** null: the house is as the file says already. */
  house: HouseColumns | null;
  appraisal: PlannedAppraisal | null;
}

export interface HouseholdPlan {
  newRegions: NewRegionRow[];
  rows: PlannedHousehold[];
}

const DISPLAY_EVERY = 500;
const NOTE_WHY = {
  formula_without_value: '公式没有计算结果（请在 Excel 中重新计算并保存）',
  cell_error: '单元格是错误值',
  number_too_long: '数字超过 15 位，后几位已丢失；请把该列设为文本后重新填写',
} as const;

export const households: ImportKind<HouseholdPlan> = {
  name: 'households',
  accepts: ['csv', 'xlsx'],
  writes: true,
  check,
  commit: writeHouseholdPlan,
};

async function check(input: CheckInput): Promise<Checked<HouseholdPlan>> {
  const { db, options, today, cipher } = input;
  const sheet = await readSheet(input.bytes, { fileName: input.fileName, encoding: options.encoding });
  const mapping = suggestMapping(sheet.headers, options.mapping);
  const problems = new ProblemList();
  const header = new Map<ImportFieldKey, string>();
  for (const m of mapping) if (m.field) header.set(m.field, m.header);
  const columnOf = (f: ImportFieldKey) => header.get(f) ?? fieldOf(f)?.synonyms[0] ?? f;
  const report: CheckReport = {
    format: sheet.format,
    encoding: sheet.encoding,
    headers: mapping.map(({ header: h, index, field, suggested }) => ({ header: h, index, field, suggested })),
    rows: sheet.rows.length,
    problems: problems.kept,
    problemsTotal: 0,
    problemCounts: problems.counts,
    summary: { create: 0, update: 0, unchanged: 0, appraisals: 0, listed: 0 },
  };
  const plan: HouseholdPlan = { newRegions: [], rows: [] };

  const missing = [...REQUIRED_FIELDS, ...(header.has('village') || header.has('village_code') ? [] : (['village'] as const))].filter((f) => !header.has(f));
  for (const f of missing) {
    problems.add({ row: null, column: null, field: f, code: 'missing_column', message: `缺少必需的列“${fieldOf(f)!.synonyms[0]}”（表头第 ${sheet.headerLine} 行）；请在列对照中指定` });
  }
  if (missing.length > 0) return finish(report, problems, plan);

  const fieldAt = new Map(mapping.filter((m) => m.field).map((m) => [m.index, m.field!]));
  for (const n of sheet.notes) {
    const f = fieldAt.get(n.index);
    if (!f) continue;
    const code = f === 'id_card' && n.code === 'number_too_long' ? 'id_card_scientific' : n.code;
    const column = columnOf(f);
    problems.add({ row: n.line, column, field: f, code, message: `第 ${n.line} 行“${column}”：${NOTE_WHY[n.code]}`, value: f === 'id_card' ? maskIdCard(n.value) : n.value });
  }

  const notedCells = new Set(sheet.notes.filter((n) => fieldAt.has(n.index)).map((n) => `${n.line}:${fieldAt.get(n.index)}`));
  const places = new Places(placeRows(db));
  const unknown = new Map<string, { field: VocabularyField; value: string; count: number; rows: number[] }>();
  const ctx = {
    today,
    crs: options.crs,
    values: options.values,
    columnOf,
    noted: (line: number, field: ImportFieldKey) => notedCells.has(`${line}:${field}`),
    problem: (p: Parameters<ProblemList['add']>[0]) => problems.add(p),
    unknownValue(field: VocabularyField, value: string, line: number) {
      const key = `${field}\u0000${value}`;
      const u = unknown.get(key) ?? { field, value, count: 0, rows: [] };
      u.count++;
      if (u.rows.length < 20) u.rows.push(line);
      unknown.set(key, u);
    },
  };
  const firstLineOf = { id: new Map<string, number>(), no: new Map<string, number>() };
  const noted = new Set(sheet.notes.filter((n) => fieldAt.has(n.index)).map((n) => n.line));
  const fault = (line: number, field: ImportFieldKey, code: string, why: string, value?: string) => {
    const column = columnOf(field);
    problems.add({ row: line, column, field, code, message: `第 ${line} 行“${column}”：${why}`, ...(value === undefined ? {} : { value }) });
  };

  sheet.rows.forEach((sheetRow, i) => {
    if (i % DISPLAY_EVERY === 0) input.progress(i, sheet.rows.length);
    const before = problems.total;
    const row = readHouseholdRow(sheetRow.line, rowFields(sheetRow.cells, mapping), ctx);
    if (!row) return;
    const firstId = firstLineOf.id.get(row.idCard);
    if (firstId !== undefined) fault(row.line, 'id_card', 'duplicate_in_file', `与第 ${firstId} 行的身份证号重复`, maskIdCard(row.idCard));
    else firstLineOf.id.set(row.idCard, row.line);
    if (row.householdNo) {
      const firstNo = firstLineOf.no.get(row.householdNo);
      if (firstNo !== undefined) fault(row.line, 'household_no', 'duplicate_in_file', `与第 ${firstNo} 行的户编号重复`, row.householdNo);
      else firstLineOf.no.set(row.householdNo, row.line);
    }
    const place = places.locate({ township: row.township, village: row.village, villageCode: row.villageCode, group: row.group });
    if ('why' in place) return fault(row.line, place.column, place.code, place.why);
    if (!places.within(place, input.scope)) {
      return fault(row.line, header.has('village') ? 'village' : 'village_code', 'outside_jurisdiction', `${places.nameOf(place.townshipCode)}不在您的管辖范围内`);
    }
    const [lon, lat] = row.point;
    const shown = `${row.source[0]},${row.source[1]}`;
    if (!places.inCounty(lon, lat)) fault(row.line, 'lon', 'outside_county', `坐标（${shown}，${options.crs.toUpperCase()}）不在本县范围内；请核对坐标或坐标系`, shown);
    else if (places.inVillage(place.villageCode, lon, lat) === false) {
      fault(row.line, 'lon', 'outside_village', `坐标（${shown}）不在${places.nameOf(place.villageCode)}的边界内`, shown);
    }
    const idHash = cipher.hash(row.idCard);
    const existing = matchHousehold(row, idHash, (field, code, why, value) => fault(row.line, field, code, why, value), db);
    if (existing && !places.within({ townshipCode: existing.township_code, villageCode: existing.village_code }, input.scope)) {
      fault(row.line, 'id_card', 'outside_jurisdiction', `该户（${existing.household_no}）登记在您管辖范围以外`);
    }
    if (problems.total > before || noted.has(row.line)) return;
    const planned = planRow(row, idHash, place, existing, input, (field, code, why) => fault(row.line, field, code, why), db);
    if (!planned || problems.total > before) return;
    places.want(place, row.village ?? '', row.group, row.point);
    if (planned === 'unchanged') report.summary.unchanged!++;
    else {
      plan.rows.push(planned);
      report.summary[planned.householdId === null ? 'create' : 'update']!++;
      if (planned.appraisal) report.summary.appraisals!++;
      if (planned.appraisal?.moves && (planned.appraisal.grade === 'C' || planned.appraisal.grade === 'D')) report.summary.listed!++;
    }
  });
  input.progress(sheet.rows.length, sheet.rows.length);

  plan.newRegions = places.newRegions();
  if (plan.newRegions.length > 0) report.newRegions = plan.newRegions.map(({ center: _, ...r }) => r);
  report.unknownValues = [...unknown.values()].sort((a, b) => b.count - a.count);
  return finish(report, problems, plan);
}

function finish(report: CheckReport, problems: ProblemList, plan: HouseholdPlan): Checked<HouseholdPlan> {
  report.problemsTotal = problems.total;
  return { report, plan: problems.total > 0 ? { newRegions: [], rows: [] } : plan };
}

type Fault = (field: ImportFieldKey, code: string, why: string, value?: string) => void;

/**
 * The household a row is: by 户编号 when the row has one, else by the ID card. The same ID card on
 * another household (another 户编号) is a problem, never a silent merge.
 */
function matchHousehold(row: HouseholdRow, idHash: Buffer, fault: Fault, db: CheckInput['db']): ExistingHousehold | null {
  const holders = householdsByIdCard(db, idHash);
  if (row.householdNo) {
    const byNo = householdByNo(db, row.householdNo);
    const other = holders.find((h) => h.id !== byNo?.id);
    if (other) fault('id_card', 'id_card_elsewhere', `该身份证号已登记在户编号 ${other.household_no} 的另一户`, maskIdCard(row.idCard));
    return byNo;
  }
  if (holders.length > 1) {
    fault('id_card', 'id_card_elsewhere', `该身份证号登记在 ${holders.length} 户（${holders.map((h) => h.household_no).join('、')}），请填写户编号`, maskIdCard(row.idCard));
    return null;
  }
  return holders.length === 1 ? householdById(db, holders[0]!.id) : null;
}

/** What the commit writes for the row; 'unchanged' when it writes nothing; null after a fault. */
function planRow(
  row: HouseholdRow,
  idHash: Buffer,
  place: Place,
  existing: ExistingHousehold | null,
  input: CheckInput,
  fault: Fault,
  db: CheckInput['db'],
): PlannedHousehold | 'unchanged' | null {
  const { cipher, options, today } = input;
  const house: HouseColumns = {
    lon: row.point[0],
    lat: row.point[1],
    source_crs: options.crs,
    source_lon: row.source[0],
    source_lat: row.source[1],
    structure: row.structure,
    storeys: row.storeys ?? existing?.storeys ?? 1,
    built_year: row.builtYear ?? existing?.built_year ?? null,
    floor_area: row.floorArea ?? existing?.floor_area ?? null,
  };
  const appraisal = planAppraisal(row, existing, fault, db);
  if (appraisal === null) return null;

  if (!existing) {
    const phone = row.phone;
    return {
      line: row.line,
      householdId: null,
      houseId: null,
      household: {
        household_no: row.householdNo,
        township_code: place.townshipCode,
        village_code: place.villageCode,
        group_code: place.groupCode,
        head_name: row.headName,
        id_card_enc: cipher.encrypt(row.idCard),
        id_card_hash: idHash,
        id_card_masked: maskIdCard(row.idCard),
        phone_enc: phone ? cipher.encrypt(phone) : null,
        phone_hash: phone ? cipher.hash(phone) : null,
        phone_masked: phone ? maskPhone(phone) : null,
        members: row.members,
        elderly: row.elderly ?? 0,
        disabled: row.disabled ?? 0,
        children: row.children ?? 0,
        category: row.category,
        guarantee_mode: row.guaranteeMode,
        // seed 003: a household new to the list is appraised within a month of this day.
        listed_on: row.listedOn ?? today,
      },
      house,
      appraisal: appraisal === 'none' ? null : appraisal,
    };
  }

  const change: HouseholdChange = {};
  const put = <K extends keyof HouseholdChange>(k: K, v: HouseholdChange[K] | undefined) => {
    if (v !== undefined && (existing as unknown as Record<string, unknown>)[k] !== v) change[k] = v;
  };
  put('township_code', place.townshipCode);
  put('village_code', place.villageCode);
  put('group_code', place.groupCode);
  put('head_name', row.headName);
  put('members', row.members);
  put('elderly', row.elderly);
  put('disabled', row.disabled);
  put('children', row.children);
  put('category', row.category);
  put('guarantee_mode', row.guaranteeMode);
  put('listed_on', row.listedOn);
  if (!idHash.equals(existing.id_card_hash)) Object.assign(change, { id_card_enc: cipher.encrypt(row.idCard), id_card_hash: idHash, id_card_masked: maskIdCard(row.idCard) });
  if (row.phone !== undefined) {
    const phoneHash = cipher.hash(row.phone);
    if (!existing.phone_hash || !phoneHash.equals(existing.phone_hash)) {
      Object.assign(change, { phone_enc: cipher.encrypt(row.phone), phone_hash: phoneHash, phone_masked: maskPhone(row.phone) });
    }
  }
  const houseChanged =
    existing.house_id === null ||
    (Object.keys(house) as (keyof HouseColumns)[]).some((k) => (existing as unknown as Record<string, unknown>)[k] !== house[k]);
  if (Object.keys(change).length === 0 && !houseChanged && appraisal === 'none') return 'unchanged';
  return {
    line: row.line,
    householdId: existing.id,
    houseId: existing.house_id,
    household: change,
    house: houseChanged ? house : null,
    appraisal: appraisal === 'none' ? null : appraisal,
  };
}

/**
 * The row's appraisal as a record to add: 'none' when the row has none or it is on record already
 * (the same house, day and grade); null after a fault. The newest appraisal moves the ledger as one
 * entered by hand does (issue 11) — never before the house's last move, never on a demolished house.
 */
function planAppraisal(row: HouseholdRow, existing: ExistingHousehold | null, fault: Fault, db: CheckInput['db']): PlannedAppraisal | 'none' | null {
  const a = row.appraisal;
  if (!a) return 'none';
  const houseId = existing?.house_id ?? null;
  if (houseId !== null && appraisalRecorded(db, houseId, a.on, a.grade)) return 'none';
  const latest = !existing?.appraised_on || a.on >= existing.appraised_on;
  const status = existing?.status ?? 'monitoring';
  const safe = a.grade === 'A' || a.grade === 'B';
  const moves = latest && !((status === 'monitoring' || status === 'closed_out') && safe);
  if (latest && (status === 'demolished' || status === 'closed')) {
    fault('grade', 'appraisal_not_allowed', '该房屋已拆除，不能再导入鉴定', a.grade);
    return null;
  }
  if (moves && existing?.last_move_on && a.on < existing.last_move_on) {
    fault('appraised_on', 'appraisal_out_of_order', `鉴定时间早于该房屋台账的最近一次变动（${existing.last_move_on}）`, a.on);
    return null;
  }
  return { ...a, latest, moves };
}
