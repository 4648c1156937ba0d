// The rows of a list of households — a civil-affairs name list or an export of the national system —
// read, checked one by one and tied to Anju's places, before a kind compares them with the database.
// What is wrong with a row is a Problem naming its line and column; a row with a problem takes no
// part in the comparison (it would show up as a false difference). ID-card numbers are checked
// (GB 11643) and hashed with the database's own key, so a row finds its household without any ID card
// being decrypted; they appear in problems masked.
import { toWgs84, type CrsName } from '../domain/crs.ts';
import { checkIdCard } from '../domain/id-card.ts';
import { maskIdCard, maskPhone } from '../domain/masking.ts';
import { rowFields, suggestMapping, type HeaderMapping, type ImportFieldKey } from './fields.ts';
import { ProblemList, type CheckInput, type CheckReport } from './kind.ts';
import type { Group, Places, Village } from './list-places.ts';
import { readSheet, type Sheet } from './sheet.ts';
import { mapValue, type VocabularyField } from './vocabulary.ts';

export interface ListRow {
  line: number;
  headName: string;
  /** Normalised 18-character number; only on the worker, never in a report. */
  idCard: string;
  /** Hex of the keyed hash (households.id_card_hash). */
  idHash: string;
  idMasked: string;
  householdNo: string | null;
  village: Village;
  group: Group | null;
  members: number | null;
  category: string | null;
  guaranteeMode: string | null;
  structure: string | null;
  grade: string | null;
  phone: string | null;
  /** WGS84, with the pair as the file gave it. */
  point: { lon: number; lat: number; sourceLon: number; sourceLat: number; crs: CrsName } | null;
}

export interface ListSpec {
  /** Columns the kind cannot do without; an inner array is "any one of". */
  required: readonly (ImportFieldKey | readonly ImportFieldKey[])[];
  /** Read coordinates (a name list may place new households; a cross-check does not). */
  points: boolean;
}

export interface ReadList {
  sheet: Sheet;
  mapping: HeaderMapping[];
  /** Rows without a problem of their own. */
  rows: ListRow[];
  problems: ProblemList;
  /** False when key columns are missing: no row was judged, so nothing may be compared. */
  complete: boolean;
  report: Pick<CheckReport, 'format' | 'encoding' | 'headers' | 'unknownValues' | 'rows'>;
  /** The header text of a field's column, for messages. */
  column(field: ImportFieldKey): string | null;
}

/** Chinese field names for messages naming a column the file lacks. */
export const FIELD_LABELS: Partial<Record<ImportFieldKey, string>> = {
  head_name: '户主姓名',
  id_card: '身份证号',
  household_no: '户编号',
  township: '所属镇街',
  village: '所属村',
  village_code: '村代码',
  group: '组',
  members: '家庭人口',
  category: '监测对象类别',
  guarantee_mode: '保障方式',
  structure: '结构类型',
  grade: '鉴定等级',
  phone: '联系电话',
  lon: '经度',
  lat: '纬度',
};

const ID_FAULTS: Record<string, string> = {
  id_card_empty: '身份证号为空',
  id_card_15_digit: '是 15 位旧身份证号，请换成 18 位',
  id_card_scientific: '身份证号被 Excel 存成了数字（科学计数法），后几位已丢失，请把该列设为文本后重新填写',
  id_card_format: '身份证号应为 18 位（最后一位可为 X）',
  id_card_birth_date: '身份证号中的出生日期不存在',
  id_card_checksum: '身份证号校验位不对（可能有数字录错）',
};

const PLACE_FAULTS: Record<string, string> = {
  unknown_village: '找不到这个村',
  ambiguous_village: '有多个同名的村，请填写所属镇街或村代码',
  unknown_township: '找不到这个镇街',
};

const where = (line: number, column: string | null): string => `第 ${line} 行${column ? `“${column}”列` : ''}`;

/** The report of a list that could not be compared: what was read and its problems, no summary. */
export function incompleteReport(list: ReadList): CheckReport {
  const { problems } = list;
  return { ...list.report, problems: problems.kept, problemsTotal: problems.total, problemCounts: problems.counts, summary: {} };
}

export async function readList(input: CheckInput, places: Places, spec: ListSpec): Promise<ReadList> {
  const { options } = input;
  const sheet = await readSheet(input.bytes, { fileName: input.fileName, encoding: options.encoding });
  const mapping = suggestMapping(sheet.headers, options.mapping);
  const headerOf = new Map(mapping.flatMap((m) => (m.field ? [[m.field, m.header] as const] : [])));
  const column = (field: ImportFieldKey): string | null => headerOf.get(field) ?? null;
  const problems = new ProblemList();
  const unknown = new Map<string, { field: string; value: string; count: number; rows: number[] }>();
  const rows: ListRow[] = [];
  const report: ReadList['report'] = {
    format: sheet.format,
    encoding: sheet.encoding,
    headers: mapping.map(({ header, index, field, suggested }) => ({ header, index, field, suggested })),
    rows: sheet.rows.length,
  };

  const missing = spec.required.filter((r) => (typeof r === 'string' ? !headerOf.has(r) : !r.some((f) => headerOf.has(f))));
  for (const r of missing) {
    const fields = typeof r === 'string' ? [r] : r;
    problems.add({
      row: null,
      column: null,
      field: fields[0]!,
      code: 'missing_column',
      message: `文件缺少“${fields.map((f) => FIELD_LABELS[f] ?? f).join('”或“')}”列（可在列对应步骤中指定）`,
    });
  }
  // Without its key columns no row can be judged: the file-level problems say what to fix.
  if (missing.length > 0) return { sheet, mapping, rows, problems, complete: false, report: { ...report, unknownValues: [] }, column };

  const notes = new Map(sheet.notes.map((n) => [`${n.line}:${n.index}`, n]));
  const firstById = new Map<string, number>();
  const firstByNo = new Map<string, number>();
  const total = sheet.rows.length;

  sheet.rows.forEach((sheetRow, i) => {
    if (i % 1000 === 0) input.progress(i, total);
    const { line } = sheetRow;
    const f = rowFields(sheetRow.cells, mapping);
    const before = problems.total;
    const add = (field: ImportFieldKey | null, code: string, message: string, value?: string): void => {
      const col = field ? column(field) : null;
      problems.add({ row: line, column: col, field, code, message: `${where(line, col)}：${message}`, ...(value !== undefined ? { value } : {}) });
    };

    // The reader's notes on this row's cells: an ID card stored as a number has lost its last digits.
    let idNoted = false;
    for (const m of mapping) {
      const note = m.field ? notes.get(`${line}:${m.index}`) : undefined;
      if (!note) continue;
      if (m.field === 'id_card') idNoted = true;
      const value = m.field === 'id_card' ? maskIdCard(note.value) : note.value;
      if (note.code === 'number_too_long') add(m.field, m.field === 'id_card' ? 'id_card_scientific' : 'number_too_long', m.field === 'id_card' ? ID_FAULTS.id_card_scientific! : '数字位数太多，Excel 已丢失后几位', value);
      else add(m.field, note.code, note.code === 'cell_error' ? `单元格是错误值 ${note.value}` : `公式没有计算结果（${note.value}），请在 Excel 中重新计算并保存`, value);
    }

    const headName = (f.head_name ?? '').trim();
    if (headName === '') add('head_name', 'required', '户主姓名为空');

    const rawId = f.id_card ?? '';
    const id = checkIdCard(rawId, input.today);
    const idMasked = id.ok ? maskIdCard(id.normalized) : maskIdCard(rawId.trim());
    if (!id.ok && !idNoted) add('id_card', id.code, ID_FAULTS[id.code]!, idMasked);

    const found = places.village({ code: f.village_code, township: f.township, village: f.village });
    let village: Village | null = null;
    let group: Group | null = null;
    if (!found.ok) {
      const field: ImportFieldKey = f.village_code?.trim() ? 'village_code' : found.code === 'unknown_township' ? 'township' : 'village';
      add(field, found.code, PLACE_FAULTS[found.code]!, [f.township, f.village, f.village_code].filter(Boolean).join(' '));
    } else {
      village = found.village;
      const groupText = (f.group ?? '').trim();
      if (groupText !== '') {
        group = places.group(village, groupText);
        if (!group) add('group', 'unknown_group', `${village.name}没有“${groupText}”`, groupText);
      }
      if (!places.within(input.scope, village, group)) {
        add(found.village.code === f.village_code?.trim() ? 'village_code' : 'village', 'outside_jurisdiction', `${village.townshipName}${village.name}不在您的管辖范围内，本行不会导入`, village.name);
      }
    }

    const members = integer(f.members, 1, 99);
    if (members === 'bad') add('members', 'bad_integer', `家庭人口应为 1–99 的整数，而不是“${f.members}”`, f.members);

    const vocab = (field: VocabularyField): string | null => {
      const raw = (f[field] ?? '').trim();
      if (raw === '') return null;
      const code = mapValue(field, raw, options.values);
      if (code) return code;
      const key = `${field}\u0000${raw}`;
      const u = unknown.get(key) ?? { field, value: raw, count: 0, rows: [] };
      u.count++;
      if (u.rows.length < 20) u.rows.push(line);
      unknown.set(key, u);
      add(field, 'unknown_value', `不认识的取值“${raw}”（可在取值对应步骤中指定）`, raw);
      return null;
    };
    const category = vocab('category');
    const guaranteeMode = vocab('guarantee_mode');
    const structure = vocab('structure');
    const grade = vocab('grade');

    const phoneRaw = (f.phone ?? '').replace(/[\s-]/g, '');
    const phone = phoneRaw === '' ? null : phoneRaw;
    if (phone && !/^(\+?86)?(1\d{10}|0\d{9,11})$/.test(phone)) add('phone', 'bad_phone', '联系电话不是手机号或带区号的固定电话', maskPhone(phone));

    let point: ListRow['point'] = null;
    if (spec.points && ((f.lon ?? '').trim() !== '' || (f.lat ?? '').trim() !== '')) {
      const lon = Number(f.lon);
      const lat = Number(f.lat);
      if ((f.lon ?? '').trim() === '' || (f.lat ?? '').trim() === '' || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        add('lon', 'bad_coordinates', `经纬度应为两个数字（经度“${f.lon ?? ''}”，纬度“${f.lat ?? ''}”）`);
      } else {
        const [x, y] = toWgs84(lon, lat, options.crs);
        if (village && !places.contains(village, x, y)) add('lon', 'outside_village', `坐标（${lon}, ${lat}）不在${village.name}范围内（坐标系：${options.crs}）`, `${lon},${lat}`);
        else point = { lon: x, lat: y, sourceLon: lon, sourceLat: lat, crs: options.crs };
      }
    }

    const householdNo = (f.household_no ?? '').trim() || null;
    if (id.ok) {
      const first = firstById.get(id.normalized);
      if (first !== undefined) add('id_card', 'duplicate_in_file', `与第 ${first} 行是同一身份证号`, idMasked);
      else firstById.set(id.normalized, line);
    }
    if (householdNo) {
      const first = firstByNo.get(householdNo);
      if (first !== undefined) add('household_no', 'duplicate_in_file', `与第 ${first} 行是同一户编号`, householdNo);
      else firstByNo.set(householdNo, line);
    }

    if (problems.total > before || !id.ok || !village) return;
    rows.push({
      line,
      headName,
      idCard: id.normalized,
      idHash: input.cipher.hash(id.normalized).toString('hex'),
      idMasked,
      householdNo,
      village,
      group,
      members: members === 'bad' ? null : members,
      category,
      guaranteeMode,
      structure,
      grade,
      phone,
      point,
    });
  });
  input.progress(total, total);
  return { sheet, mapping, rows, problems, complete: true, report: { ...report, unknownValues: [...unknown.values()] }, column };
}

/** An integer in [min, max], null for an empty cell, 'bad' otherwise ("3人" is read as 3). */
function integer(raw: string | undefined, min: number, max: number): number | null | 'bad' {
  const s = (raw ?? '').trim().replace(/[人口户]$/, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isInteger(n) && n >= min && n <= max ? n : 'bad';
}

/** A problem on a row that is fine on its own but not in the comparison (the kind's rules). */
export function rowProblem(list: ReadList, row: { line: number }, field: ImportFieldKey | null, code: string, message: string, value?: string): void {
  const col = field ? list.column(field) : null;
  list.problems.add({ row: row.line, column: col, field, code, message: `${where(row.line, col)}：${message}`, ...(value !== undefined ? { value } : {}) });
}
