// The values county spreadsheets use for the coded fields, → the codes Anju speaks (domain/housing.ts).
// Compared normalised (NFKC, no spaces). A value found here nowhere is an "unknown value" the user maps
// in the import's value step (overrides), never guessed.
import { CATEGORIES, GRADES, GUARANTEE_MODES, STRUCTURES } from '../domain/housing.ts';

export const VOCABULARY_FIELDS = ['structure', 'grade', 'category', 'guarantee_mode'] as const;
export type VocabularyField = (typeof VOCABULARY_FIELDS)[number];

/** The codes each field accepts. */
export const VOCABULARY_CODES: Record<VocabularyField, readonly string[]> = {
  structure: STRUCTURES,
  grade: GRADES,
  category: CATEGORIES,
  guarantee_mode: GUARANTEE_MODES,
};

const SYNONYMS: Record<VocabularyField, Record<string, readonly string[]>> = {
  structure: {
    reinforced_concrete: ['钢筋混凝土', '钢筋混凝土结构', '框架', '框架结构', '钢混', '钢混结构'],
    brick_concrete: ['砖混', '砖混结构', '砖混房'],
    brick_wood: ['砖木', '砖木结构'],
    stone_wood: ['石木', '石木结构'],
    timber: ['木结构', '木', '木房', '全木结构'],
    brick_earth: ['砖土', '砖土混杂', '砖土结构', '砖土混合结构'],
    earth_wood: ['土木', '土木结构', '土木房'],
    adobe: ['土坯', '土坯房', '土坯结构', '生土', '生土结构'],
    cave: ['窑洞', '靠崖窑', '独立窑', '下沉窑', '窑洞房'],
  },
  grade: {
    A: ['A', 'A级', '安全'],
    B: ['B', 'B级', '基本安全'],
    C: ['C', 'C级', '局部危房', '局部危险'],
    D: ['D', 'D级', '整栋危房', '整体危房', '整栋危险'],
  },
  category: {
    unstable_ex_poor: ['脱贫不稳定户'],
    edge_poverty: ['边缘易致贫户', '边缘户'],
    sudden_hardship: ['突发严重困难户'],
    dibao: ['低保户', '农村低保户', '低保对象'],
    tekun: ['特困', '特困户', '特困人员', '分散供养特困人员', '农村分散供养特困人员'],
    dibao_edge: ['低保边缘家庭', '低保边缘户'],
    other_ex_poor: ['其他脱贫户', '脱贫户', '一般脱贫户'],
    disabled_family: ['残疾人家庭', '困难残疾人家庭'],
  },
  guarantee_mode: {
    appraised_safe: ['鉴定安全'],
    renovated_safe: ['改造安全', '危房改造', '改造后安全'],
    secured_elsewhere: ['保障安全', '其他方式保障', '其他方式保障安全', '通过其他方式保障'],
  },
};

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const LOOKUP: Record<VocabularyField, Map<string, string>> = Object.fromEntries(
  VOCABULARY_FIELDS.map((field) => [
    field,
    new Map(
      Object.entries(SYNONYMS[field]).flatMap(([code, words]) => [[norm(code), code] as const, ...words.map((w) => [norm(w), code] as const)]),
    ),
  ]),
) as Record<VocabularyField, Map<string, string>>;

/** The user's value step: field → raw value (as in the file) → code. */
export type ValueOverrides = Partial<Record<VocabularyField, Record<string, string>>>;

/** The code a raw value means, or null when neither the table nor the user's overrides know it. */
export function mapValue(field: VocabularyField, raw: string, overrides: ValueOverrides = {}): string | null {
  const own = overrides[field];
  if (own && Object.hasOwn(own, raw) && VOCABULARY_CODES[field].includes(own[raw]!)) return own[raw]!;
  return LOOKUP[field].get(norm(raw)) ?? null;
}
