// Which township or village a boundary feature is: by its statistical code when it carries one,
// else by its name within the county. County GIS layers name their columns many ways (XZQDM, CUN_DM,
// 行政区划代码, ADCODE …); the column is found per feature among these, the most specific code winning
// (a village layer often carries its township's code beside its own).
//  - Codes: 12 digits (统计用区划代码); a 9-digit township code is padded with 000. A code ending in
//    000 is a township's, any other a village's. A code the county does not know is unmatched — not
//    guessed by name, since codes outlive renamings and names repeat.
//  - Names: exact first, then without the administrative suffix (村, 社区, 镇, 村民委员会 …), narrowed
//    by a township-name column when there is one. Two regions left → ambiguous, never a pick.
import type { RegionLevel } from '../db/household-filter.ts';

export interface KnownRegion {
  code: string;
  name: string;
  level: Extract<RegionLevel, 'township' | 'village'>;
  parentCode: string | null;
}

export interface FeatureKey {
  /** The 12-digit code, when a code column held one. */
  code: string | null;
  codeProperty: string | null;
  name: string | null;
  nameProperty: string | null;
  /** The village's township, when the layer names it. */
  townshipName: string | null;
}

export type Match<R extends KnownRegion = KnownRegion> =
  | { kind: 'matched'; region: R; by: 'code' | 'name' }
  | { kind: 'unmatched' }
  | { kind: 'ambiguous'; candidates: R[] };

const CODE_COLUMNS = [
  'cun_dm', 'cundm', '村代码', '村级代码', '村庄代码',
  'code', 'adcode', 'xzqdm', 'xzqhdm', 'xzqh_dm', 'xzq_dm', 'qhdm', 'xzdm', 'dm', 'bm', 'gb', 'regioncode', 'region_code',
  '区划代码', '行政区划代码', '行政区代码', '行政代码', '区域代码', '统计用区划代码', '代码', '区划编码', '行政区划编码', '编码',
  'xiang_dm', 'xiangdm', '乡镇代码', '镇代码',
];
const VILLAGE_NAME_COLUMNS = ['cun_mc', 'cunmc', '村名', '村名称', '村庄名称', '村委会名称', '社区名称'];
const NAME_COLUMNS = ['name', 'xzqmc', 'xzqhmc', 'qhmc', 'mc', 'fullname', '名称', '行政区名称', '行政区划名称', '区划名称', '单位名称'];
const TOWNSHIP_NAME_COLUMNS = ['xiang_mc', 'xiangmc', 'xzmc', '乡镇', '乡镇名', '乡镇名称', '镇名', '所属乡镇', '所属镇', '所属乡镇街道', 'town', 'township'];

const columnKey = (k: string) => k.trim().toLowerCase().replace(/\s+/g, '');
const rank = (list: string[]) => new Map(list.map((c, i) => [c, i]));
const CODE_RANK = rank(CODE_COLUMNS);

/** The code and names a feature's attributes carry, and the columns they came from. */
export function featureKey(properties: Record<string, unknown>): FeatureKey {
  let code: { value: string; property: string; score: number } | null = null;
  const byColumn = new Map<string, { property: string; value: string }>();
  for (const [property, raw] of Object.entries(properties)) {
    const key = columnKey(property);
    const text = textOf(raw);
    if (text === null) continue;
    byColumn.set(key, { property, value: text });
    const r = CODE_RANK.get(key);
    if (r === undefined) continue;
    const value = /^\d{9}$/.test(text) ? `${text}000` : /^\d{12}$/.test(text) ? text : null;
    if (value === null) continue;
    // A village's code beats a township's; then the column's rank.
    const score = (value.endsWith('000') ? 1000 : 0) + r;
    if (!code || score < code.score) code = { value, property, score };
  }
  const first = (columns: string[]) => {
    for (const c of columns) {
      const hit = byColumn.get(c);
      if (hit) return hit;
    }
    return null;
  };
  const own = first(VILLAGE_NAME_COLUMNS) ?? first(NAME_COLUMNS);
  const township = first(TOWNSHIP_NAME_COLUMNS);
  const name = own ?? township;
  return {
    code: code?.value ?? null,
    codeProperty: code?.property ?? null,
    name: name?.value ?? null,
    nameProperty: name?.property ?? null,
    townshipName: own && township ? township.value : null,
  };
}

/** A matcher over the county's townships and villages. */
export function regionMatcher<R extends KnownRegion>(regions: readonly R[]): (key: FeatureKey) => Match<R> {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const byName = groupBy(regions, (r) => clean(r.name));
  const byStem = groupBy(regions, (r) => stem(r.name));
  const townshipNameOf = (r: R) => (r.parentCode ? (byCode.get(r.parentCode)?.name ?? null) : null);

  return (key) => {
    if (key.code !== null) {
      const region = byCode.get(key.code);
      return region ? { kind: 'matched', region, by: 'code' } : { kind: 'unmatched' };
    }
    if (key.name === null) return { kind: 'unmatched' };
    let candidates = byName.get(clean(key.name)) ?? byStem.get(stem(key.name)) ?? [];
    if (candidates.length > 1 && key.townshipName !== null) {
      const town = stem(key.townshipName);
      candidates = candidates.filter((r) => r.level === 'village' && stem(townshipNameOf(r) ?? '') === town);
    }
    if (candidates.length === 1) return { kind: 'matched', region: candidates[0]!, by: 'name' };
    return candidates.length === 0 ? { kind: 'unmatched' } : { kind: 'ambiguous', candidates };
  };
}

/** A code as text: DBF numeric columns arrive as numbers (12 digits are exact in a double). */
function textOf(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return Number.isInteger(raw) ? raw.toFixed(0) : String(raw);
  if (typeof raw === 'string') {
    const t = raw.trim();
    return t === '' ? null : t;
  }
  return null;
}

const clean = (name: string) => name.replace(/\s+/g, '');

// Longest first: 村民委员会 before 村.
const SUFFIXES = ['村民委员会', '居民委员会', '街道办事处', '村委会', '居委会', '办事处', '社区', '街道', '村', '镇', '乡'];
function stem(name: string): string {
  const n = clean(name);
  const s = SUFFIXES.find((x) => n.endsWith(x) && n.length > x.length);
  return s ? n.slice(0, -s.length) : n;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
