// The vocabulary of the house and the household (domain.md), as codes the API speaks.
// Display labels live in the client's i18n catalogue; the server only knows codes.

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
/** A house's grade as lists, counts and the legend key it: `none` = never appraised. */
export const GRADE_KEYS = [...GRADES, 'none'] as const;
export type GradeKey = (typeof GRADE_KEYS)[number];
export const gradeKey = (grade: Grade | null): GradeKey => grade ?? 'none';

// 结构形式. Order is the legend order: sturdy first, fragile last.
export const STRUCTURES = [
  'reinforced_concrete', // 钢筋混凝土
  'brick_concrete', // 砖混
  'brick_wood', // 砖木
  'stone_wood', // 石木
  'timber', // 木结构
  'brick_earth', // 砖土混杂
  'earth_wood', // 土木
  'adobe', // 土坯
  'cave', // 窑洞
] as const;
export type Structure = (typeof STRUCTURES)[number];

/** Earth-wood, adobe, brick-wood and cave dwellings are the fragile ones (seeds 001, 003). */
export const FRAGILE_STRUCTURES: readonly Structure[] = ['earth_wood', 'adobe', 'brick_wood', 'cave', 'brick_earth'];

// 监测对象类别 (domain.md "Who is monitored").
export const CATEGORIES = [
  'unstable_ex_poor', // 脱贫不稳定户
  'edge_poverty', // 边缘易致贫户
  'sudden_hardship', // 突发严重困难户
  'dibao', // 低保户
  'tekun', // 农村分散供养特困人员
  'dibao_edge', // 低保边缘家庭
  'other_ex_poor', // 其他脱贫户
  'disabled_family', // 残疾人家庭 (seed 003)
] as const;
export type Category = (typeof CATEGORIES)[number];

// 住房保障方式 (seed 004).
export const GUARANTEE_MODES = [
  'appraised_safe', // 鉴定安全
  'renovated_safe', // 改造安全
  'secured_elsewhere', // 保障安全
] as const;
export type GuaranteeMode = (typeof GUARANTEE_MODES)[number];
/**
 * A household taken from a civil-affairs name list before anyone verified its housing (seed 004's 核验):
 * none of the three modes is true of it yet, so it carries this until a households import or the
 * national cross-check says which.
 */
export const GUARANTEE_PENDING = 'pending';
/** The placeholder structure of a house nobody surveyed (houses.structure_estimated, migration 018): the most fragile, so dispatch rules and risk scores err toward visiting it. */
export const STRUCTURE_PLACEHOLDER: Structure = 'adobe';

/** The one state of a house is its ledger state (domain/ledger-states.ts). */
export { LEDGER_STATES as HOUSE_STATUSES, type LedgerState as HouseStatus } from './ledger-states.ts';

/** What an appraisal is: 初判, 正式鉴定, 应急评估, 复核 — and two kinds older records carry. */
export const APPRAISAL_KINDS = ['initial', 'formal', 'emergency', 'review', 'periodic', 'post_renovation'] as const;
/** The kinds a new appraisal may be recorded as (issue 11). */
export const RECORDABLE_APPRAISAL_KINDS = ['initial', 'formal', 'emergency', 'review'] as const;
export type AppraisalKind = (typeof APPRAISAL_KINDS)[number];

export const RENOVATION_METHODS = ['repair_strengthen', 'rebuild', 'new_site', 'other'] as const;
export type RenovationMethod = (typeof RENOVATION_METHODS)[number];

export interface AppraisalRecord {
  appraisedOn: string; // ISO date
  grade: Grade;
}

export interface RenovationRecord {
  method: RenovationMethod;
  year: number;
  completedOn: string | null;
}

/** The current grade is the latest appraisal's; null when the house was never appraised. */
export function currentGrade(appraisals: readonly AppraisalRecord[]): Grade | null {
  let latest: AppraisalRecord | null = null;
  for (const a of appraisals) if (!latest || a.appraisedOn >= latest.appraisedOn) latest = a;
  return latest ? latest.grade : null;
}

/**
 * Repaired C (原鉴定为C级通过危房改造修缮加固, seeds 000/001): the house was once appraised C and a
 * repair-and-strengthen renovation was completed after that appraisal.
 */
export function isRepairedC(
  appraisals: readonly AppraisalRecord[],
  renovations: readonly RenovationRecord[],
): boolean {
  const firstC = appraisals
    .filter((a) => a.grade === 'C')
    .map((a) => a.appraisedOn)
    .sort()[0];
  if (!firstC) return false;
  return renovations.some(
    (r) => r.method === 'repair_strengthen' && r.completedOn !== null && r.completedOn >= firstC,
  );
}

/**
 * Key house (重点房屋, seeds 000/001): B-grade houses — above all earth-wood ones — and houses once C
 * that were repaired. A repaired-C house that has since been appraised C or D again is a dangerous
 * house (危房), handled by the ledger, not a key house.
 */
export function isKeyHouse(house: { grade: Grade | null; repairedC: boolean }): boolean {
  if (house.grade === 'C' || house.grade === 'D') return false;
  return house.grade === 'B' || house.repairedC;
}

/** Within key houses, the ones watched hardest: earth-wood B and repaired C (seed 001 names them first). */
export function keyHousePriority(house: { grade: Grade | null; repairedC: boolean; structure: Structure }): 0 | 1 | 2 {
  if (!isKeyHouse(house)) return 0;
  return house.repairedC || house.structure === 'earth_wood' ? 2 : 1;
}
