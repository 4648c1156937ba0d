// The fields of a county ledger and the many ways county spreadsheets head their columns. Headers are
// compared normalised (NFKC: full-width → half-width; no spaces, no required-field stars, no unit in
// brackets), so "户主姓名*", "户主 姓名" and "户主姓名（必填）" all find head_name. A header found in no
// synonym list is left for the user's mapping step, never guessed.

export type FieldType = 'text' | 'integer' | 'number' | 'date' | 'year' | 'vocabulary' | 'region_code';

export interface ImportField {
  key: string;
  type: FieldType;
  /** Headers seen in county, national-system and civil-affairs spreadsheets. */
  synonyms: readonly string[];
}

export const IMPORT_FIELDS = [
  { key: 'household_no', type: 'text', synonyms: ['户编号', '家庭编号', '户号', '农户编号', '监测对象编号', '户码'] },
  { key: 'head_name', type: 'text', synonyms: ['户主姓名', '户主', '户主名称', '姓名', '户主名'] },
  { key: 'id_card', type: 'text', synonyms: ['身份证号', '身份证号码', '户主身份证号', '户主身份证号码', '证件号码', '公民身份号码', '身份证'] },
  { key: 'phone', type: 'text', synonyms: ['联系电话', '电话', '手机号', '手机号码', '联系方式', '户主电话'] },
  { key: 'township', type: 'text', synonyms: ['所属镇街', '乡镇', '镇', '乡镇街道', '所属乡镇', '镇街', '镇(街道)', '乡(镇)', '所属镇'] },
  { key: 'village', type: 'text', synonyms: ['所属村', '村', '行政村', '村(社区)', '村名', '村社区', '所属村(社区)'] },
  { key: 'village_code', type: 'region_code', synonyms: ['村代码', '行政区划代码', '村级代码', '区划代码', '统计用区划代码', '村级行政区划代码'] },
  { key: 'group', type: 'text', synonyms: ['组', '村民小组', '组别', '所属组', '村组'] },
  { key: 'members', type: 'integer', synonyms: ['家庭人口', '家庭人口数', '人口数', '家庭成员数', '家庭人数', '家庭人口/总数', '家庭人口/合计'] },
  { key: 'elderly', type: 'integer', synonyms: ['老人', '老年人', '65岁以上老人', '老年人数', '家庭人口/老人'] },
  { key: 'disabled', type: 'integer', synonyms: ['残疾人', '残疾人数', '家庭人口/残疾人', '家庭人口/残疾'] },
  { key: 'children', type: 'integer', synonyms: ['儿童', '未成年人', '14岁以下儿童', '家庭人口/儿童'] },
  { key: 'category', type: 'vocabulary', synonyms: ['监测对象类别', '对象类别', '人员类别', '农户类型', '户类型', '监测对象类型', '户类别', '重点对象类型'] },
  { key: 'guarantee_mode', type: 'vocabulary', synonyms: ['保障方式', '住房保障方式', '住房安全保障方式', '住房安全保障'] },
  { key: 'structure', type: 'vocabulary', synonyms: ['结构类型', '结构形式', '房屋结构', '房屋结构类型', '住房结构'] },
  { key: 'built_year', type: 'year', synonyms: ['建造年代', '建造年份', '建房年份', '建成年份', '建房时间'] },
  { key: 'storeys', type: 'integer', synonyms: ['层数', '房屋层数', '楼层数'] },
  { key: 'floor_area', type: 'number', synonyms: ['建筑面积', '住房面积', '面积', '房屋面积'] },
  { key: 'grade', type: 'vocabulary', synonyms: ['鉴定等级', '安全等级', '鉴定结果', '房屋安全等级', '房屋鉴定等级', '危险等级'] },
  { key: 'appraised_on', type: 'date', synonyms: ['鉴定时间', '鉴定日期'] },
  { key: 'appraisal_org', type: 'text', synonyms: ['鉴定单位', '鉴定机构'] },
  { key: 'lon', type: 'number', synonyms: ['经度', '东经', 'longitude', 'lon', 'lng', 'x坐标'] },
  { key: 'lat', type: 'number', synonyms: ['纬度', '北纬', 'latitude', 'lat', 'y坐标'] },
  { key: 'listed_on', type: 'date', synonyms: ['纳入监测时间', '纳入时间', '识别时间', '纳入日期', '认定时间'] },
] as const satisfies readonly ImportField[];

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];
export const IMPORT_FIELD_KEYS = IMPORT_FIELDS.map((f) => f.key) as ImportFieldKey[];
export const fieldOf = (key: string): ImportField | undefined => IMPORT_FIELDS.find((f) => f.key === key);

/** NFKC, no whitespace, no required-field stars or numbering, no bracketed unit or note at the end. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*※★]/g, '')
    .replace(/^\d+[.、]/, '')
    .replace(/\((必填|选填|万元|元|㎡|m2|平方米|年|人|层|个)\)$/i, '')
    .toLowerCase();
}

const BY_SYNONYM = new Map<string, ImportFieldKey>(IMPORT_FIELDS.flatMap((f) => f.synonyms.map((s) => [normalizeHeader(s), f.key] as const)));

/** The field a header names, trying the whole header, then (for "家庭人口/老人") the part under the merge, then the part above. */
export function fieldForHeader(header: string): ImportFieldKey | null {
  const h = normalizeHeader(header);
  if (h === '') return null;
  const direct = BY_SYNONYM.get(h);
  if (direct) return direct;
  if (h.includes('/')) {
    const [parent, child] = [h.slice(0, h.indexOf('/')), h.slice(h.lastIndexOf('/') + 1)];
    return BY_SYNONYM.get(child) ?? BY_SYNONYM.get(parent) ?? null;
  }
  return null;
}

/** The user's mapping step: header text → field key, or 'ignore' to drop the column. */
export type HeaderMappingOverride = Record<string, ImportFieldKey | 'ignore'>;

export interface HeaderMapping {
  header: string;
  index: number;
  /** The field the column is read as (the user's choice if given, else the suggestion); null = not read. */
  field: ImportFieldKey | null;
  /** What the synonym table suggests, shown in the mapping step. */
  suggested: ImportFieldKey | null;
}

/**
 * Every column with its field. Two columns may not feed one field: the later one is left unmapped
 * (the kind reports it) rather than silently overwriting the first.
 */
export function suggestMapping(headers: readonly string[], override: HeaderMappingOverride = {}): HeaderMapping[] {
  const taken = new Set<string>();
  return headers.map((header, index) => {
    const suggested = fieldForHeader(header);
    const chosen = Object.hasOwn(override, header) ? override[header]! : suggested;
    const field = chosen === 'ignore' || chosen === null || taken.has(chosen) ? null : chosen;
    if (field) taken.add(field);
    return { header, index, field, suggested };
  });
}

/** A row's cells by field key, for the mapped columns only. */
export function rowFields(cells: readonly string[], mapping: readonly HeaderMapping[]): Partial<Record<ImportFieldKey, string>> {
  const out: Partial<Record<ImportFieldKey, string>> = {};
  for (const m of mapping) if (m.field) out[m.field] = cells[m.index] ?? '';
  return out;
}
