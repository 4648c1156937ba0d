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
import { readDegrees, readGroupNumber, readInteger, readPhone } from './cells.ts';
import type { Places } from './places.ts';
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
  village: ListVillage;
  /** The group's code; null when the file gives no group. */
  groupCode: string | null;
  members: number | null;
  category: string | null;
  guaranteeMode: string | null;
  structure: string | null;
  grade: string | null;
  phone: string | null;
  /** WGS84, with the pair as the file gave it. */
  point: { lon: number; lat: number; sourceLon: number; sourceLat: number; crs: CrsName } | null;
}

/** Where a row's household lives, as the comparison shows it. */
export interface ListVillage {
  code: string;
  name: string;
  townshipCode: string;
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

/** As the households kind words it (household-rows.ts): 第 3 行“身份证号”. */
const where = (line: number, column: string | null): string => `第 ${line} 行${column ? `“${column}”` : ''}`;

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

    // The place: by 12-digit code or by names (places.ts, the households kind's own lookup). A list
    // creates no villages or groups: one Anju does not know is a problem, for the households import.
    let groupNumber: number | null = null;
    const groupText = (f.group ?? '').trim();
    if (groupText !== '') {
      const g = readGroupNumber(groupText);
      if (g.ok) groupNumber = g.value;
      else add('group', g.code, g.why, groupText);
    }
    const found = places.locate({
      ...(f.township ? { township: f.township } : {}),
      ...(f.village ? { village: f.village } : {}),
      ...(f.village_code ? { villageCode: f.village_code } : {}),
      group: groupNumber ?? 0,
    });
    let village: ListVillage | null = null;
    let groupCode: string | null = null;
    if ('code' in found) add(found.column, found.code, found.why, [f.township, f.village, f.village_code].filter(Boolean).join(' '));
    else if (found.newVillage) add('village_code', 'unknown_village', `村代码 ${found.villageCode} 不在 Anju 中；新村请先用户籍导入建立`, found.villageCode);
    else {
      village = { code: found.villageCode, name: places.nameOf(found.villageCode), townshipCode: found.townshipCode };
      if (groupNumber !== null) {
        if (found.newGroup) add('group', 'unknown_group', `${village.name}没有“${groupText}”`, groupText);
        else groupCode = found.groupCode;
      }
      if (!places.within(found, input.scope)) {
        add(f.village ? 'village' : 'village_code', 'outside_jurisdiction', `${places.nameOf(found.townshipCode)}${village.name}不在您的管辖范围内，本行不会导入`, village.name);
      }
    }

    const membersText = (f.members ?? '').trim();
    const membersRead = membersText === '' ? null : readInteger(membersText, 1, 50, '人');
    if (membersRead && !membersRead.ok) add('members', membersRead.code, membersRead.why, membersText);
    const members = membersRead?.ok ? membersRead.value : null;

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

    const phoneText = (f.phone ?? '').trim();
    const phoneRead = phoneText === '' ? null : readPhone(phoneText);
    if (phoneRead && !phoneRead.ok) add('phone', phoneRead.code, phoneRead.why, maskPhone(phoneText.replace(/\D/g, '')));
    const phone = phoneRead?.ok ? phoneRead.value : null;

    let point: ListRow['point'] = null;
    const lonText = (f.lon ?? '').trim();
    const latText = (f.lat ?? '').trim();
    if (spec.points && (lonText !== '' || latText !== '')) {
      const lon = readDegrees(lonText);
      const lat = readDegrees(latText);
      if (!lon.ok || !lat.ok) add(lon.ok ? 'lat' : 'lon', 'coordinate_format', `经纬度应为两个数字（经度“${lonText}”，纬度“${latText}”）`, `${lonText},${latText}`);
      else {
        const [x, y] = toWgs84(lon.value, lat.value, options.crs);
        const shown = `${lon.value},${lat.value}`;
        if (!places.inCounty(x, y)) add('lon', 'outside_county', `坐标（${shown}，${options.crs.toUpperCase()}）不在本县范围内；请核对坐标或坐标系`, shown);
        else if (village && places.inVillage(village.code, x, y) === false) add('lon', 'outside_village', `坐标（${shown}）不在${village.name}的边界内`, shown);
        else point = { lon: x, lat: y, sourceLon: lon.value, sourceLat: lat.value, crs: options.crs };
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
      groupCode,
      members,
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

/** A problem on a row that is fine on its own but not in the comparison (the kind's rules). */
export function rowProblem(list: ReadList, row: { line: number }, field: ImportFieldKey | null, code: string, message: string, value?: string): void {
  const col = field ? list.column(field) : null;
  list.problems.add({ row: row.line, column: col, field, code, message: `${where(row.line, col)}：${message}`, ...(value !== undefined ? { value } : {}) });
}
