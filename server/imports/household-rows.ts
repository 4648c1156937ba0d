// One row of a county household ledger (户 + 房 + 鉴定) read into the values Anju stores, every fault
// reported by row and column. Pure apart from the callbacks: the kind (households.ts) finds the place,
// the duplicates and the household already on record.
//
// Required in every row (and so as columns): 户主姓名, 身份证号, 所属村 or 村代码, 组, 家庭人口,
// 监测对象类别, 保障方式, 结构类型, 经度, 纬度 — what a household and its house cannot be stored without
// (a group, a category and a guarantee mode are NOT NULL; a house is a point on the map). Optional: 户编号,
// 联系电话, 所属镇街 (needed only where a village name repeats), 老人/残疾人/儿童, 建造年代, 层数, 建筑面积,
// 鉴定等级 + 鉴定时间 (together) + 鉴定单位, 纳入监测时间. An empty optional cell keeps what Anju has.
import { toWgs84, type CrsName } from '../domain/crs.ts';
import type { Grade } from '../domain/housing.ts';
import { checkIdCard, type IdCardFault } from '../domain/id-card.ts';
import { maskIdCard, maskPhone } from '../domain/masking.ts';
import { readDay, readDegrees, readGroupNumber, readInteger, readNumber, readPhone, readYear, type CellRead } from './cells.ts';
import type { ImportFieldKey } from './fields.ts';
import { mapValue, type ValueOverrides, type VocabularyField } from './vocabulary.ts';

export const REQUIRED_FIELDS: readonly ImportFieldKey[] = ['head_name', 'id_card', 'group', 'members', 'category', 'guarantee_mode', 'structure', 'lon', 'lat'];

export interface HouseholdRow {
  line: number;
  householdNo: string | null;
  headName: string;
  /** Normalised (GB 11643): 18 characters, upper-case X. */
  idCard: string;
  /** undefined: no phone in the file for this row (keep what Anju has). */
  phone: string | undefined;
  township: string | undefined;
  village: string | undefined;
  villageCode: string | undefined;
  group: number;
  members: number;
  elderly: number | undefined;
  disabled: number | undefined;
  children: number | undefined;
  category: string;
  guaranteeMode: string;
  structure: string;
  builtYear: number | undefined;
  storeys: number | undefined;
  floorArea: number | undefined;
  appraisal: { on: string; grade: Grade; org: string | null } | undefined;
  listedOn: string | undefined;
  /** The file's pair in its own system, and WGS84. */
  source: [number, number];
  point: [number, number];
}

export interface RowContext {
  today: string;
  crs: CrsName;
  values: ValueOverrides;
  /** The header text of a field's column, as in the file. */
  columnOf(field: ImportFieldKey): string;
  /** The sheet reader already reported this cell (a formula without a value …): no second problem for it. */
  noted(line: number, field: ImportFieldKey): boolean;
  problem(p: { row: number; column: string | null; field: string | null; code: string; message: string; value?: string }): void;
  unknownValue(field: VocabularyField, value: string, line: number): void;
}

const ID_CARD_WHY: Record<IdCardFault, string> = {
  id_card_empty: '身份证号为空',
  id_card_15_digit: '是 15 位旧身份证号，请换为 18 位',
  id_card_scientific: '身份证号被存成了数字（科学计数法），后几位已丢失；请把该列设为文本后重新填写',
  id_card_format: '身份证号应为 18 位（17 位数字加数字或 X）',
  id_card_birth_date: '身份证号中的出生日期无效',
  id_card_checksum: '身份证号校验位不正确（请核对是否输错）',
};

/** A row's values, or null when any cell is wrong (each fault reported through ctx.problem). */
export function readHouseholdRow(line: number, cells: Partial<Record<ImportFieldKey, string>>, ctx: RowContext): HouseholdRow | null {
  let fine = true;
  const fault = (field: ImportFieldKey, code: string, why: string, value?: string) => {
    fine = false;
    const column = ctx.columnOf(field);
    ctx.problem({ row: line, column, field, code, message: `第 ${line} 行“${column}”：${why}`, ...(value === undefined ? {} : { value }) });
  };
  const text = (field: ImportFieldKey): string => cells[field] ?? '';
  const required = (field: ImportFieldKey): string | null => {
    const v = text(field);
    if (v === '' && ctx.noted(line, field)) fine = false;
    else if (v === '') fault(field, 'required', '必填，不能为空');
    return v === '' ? null : v;
  };
  /** An optional cell read by `read`; undefined when empty. */
  function take<T>(field: ImportFieldKey, read: (s: string) => CellRead<T>, mask?: (s: string) => string): T | undefined {
    const v = text(field);
    if (v === '') return undefined;
    const r = read(v);
    if (r.ok) return r.value;
    fault(field, r.code, r.why, mask ? mask(v) : v);
    return undefined;
  }
  function coded(field: VocabularyField & ImportFieldKey, optional = false): string | undefined {
    const raw = optional ? text(field) : required(field);
    if (!raw) return undefined;
    const code = mapValue(field, raw, ctx.values);
    if (code === null) {
      ctx.unknownValue(field, raw, line);
      fault(field, 'unknown_value', `无法识别的值“${raw}”，请在值对照中指定`, raw);
    }
    return code ?? undefined;
  }

  const headName = required('head_name')?.normalize('NFKC').trim();
  if (headName && headName.length > 50) fault('head_name', 'too_long', '户主姓名过长');

  let idCard = '';
  const idText = required('id_card');
  if (idText) {
    const id = checkIdCard(idText, ctx.today);
    if (id.ok) idCard = id.normalized;
    else fault('id_card', id.code, ID_CARD_WHY[id.code], maskIdCard(idText.replace(/\s/g, '')));
  }
  const phone = take('phone', readPhone, maskPhone);
  const groupText = required('group');
  const group = groupText ? take('group', readGroupNumber) : undefined;
  const membersText = required('members');
  const members = membersText ? take('members', (s) => readInteger(s, 1, 50, '人')) : undefined;
  const within = (field: ImportFieldKey) => {
    const n = take(field, (s) => readInteger(s, 0, 50, '人'));
    if (n !== undefined && members !== undefined && n > members) fault(field, 'exceeds_members', `不能多于家庭人口（${members}）`, String(n));
    return n;
  };
  const elderly = within('elderly');
  const disabled = within('disabled');
  const children = within('children');
  const category = coded('category');
  const guaranteeMode = coded('guarantee_mode');
  const structure = coded('structure');
  const builtYear = take('built_year', (s) => readYear(s, ctx.today));
  const storeys = take('storeys', (s) => readInteger(s, 1, 30, '层'));
  const floorArea = take('floor_area', (s) => readNumber(s, 1, 5000));
  const listedOn = take('listed_on', (s) => readDay(s, ctx.today));

  const grade = coded('grade', true) as Grade | undefined;
  const appraisedOn = take('appraised_on', (s) => readDay(s, ctx.today));
  if (text('grade') !== '' && text('appraised_on') === '') fault('appraised_on', 'required', '填写了鉴定等级，须同时填写鉴定时间');
  if (text('appraised_on') !== '' && text('grade') === '') fault('grade', 'required', '填写了鉴定时间，须同时填写鉴定等级');
  if (appraisedOn && builtYear !== undefined && appraisedOn < `${builtYear}-01-01`) fault('appraised_on', 'date_before_house', `鉴定时间早于建造年代（${builtYear}）`, appraisedOn);
  const org = text('appraisal_org').normalize('NFKC').trim() || null;

  const lonText = required('lon');
  const latText = required('lat');
  const lon = lonText ? take('lon', readDegrees) : undefined;
  const lat = latText ? take('lat', readDegrees) : undefined;
  let source: [number, number] | null = null;
  let point: [number, number] | null = null;
  if (lon !== undefined && lat !== undefined) {
    if (lon >= 3 && lon <= 54 && lat >= 73 && lat <= 136) fault('lon', 'coordinates_swapped', `经度 ${lon}、纬度 ${lat} 似乎填反了`, `${lon},${lat}`);
    else if (lon < 73 || lon > 136 || lat < 3 || lat > 54) fault('lon', 'outside_china', `坐标 ${lon}, ${lat} 不在中国境内`, `${lon},${lat}`);
    else {
      source = [lon, lat];
      point = toWgs84(lon, lat, ctx.crs);
    }
  }
  if (text('village') === '' && text('village_code') === '') fault(cells.village_code === undefined ? 'village' : 'village_code', 'required', '缺少所属村（或村代码）');

  if (!fine || !headName || !idCard || group === undefined || members === undefined || !category || !guaranteeMode || !structure || !source || !point) return null;
  return {
    line,
    householdNo: text('household_no').normalize('NFKC').trim() || null,
    headName,
    idCard,
    phone,
    township: text('township') || undefined,
    village: text('village') || undefined,
    villageCode: text('village_code') || undefined,
    group,
    members,
    elderly,
    disabled,
    children,
    category,
    guaranteeMode,
    structure,
    builtYear,
    storeys,
    floorArea,
    appraisal: grade && appraisedOn ? { on: appraisedOn, grade, org } : undefined,
    listedOn,
    source,
    point,
  };
}
