import type { Grade, Structure } from '../domain/housing.ts';
import { HOUSE_OVERDUE_SQL } from './ledger-facts.ts';

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Where a region code sits in the tree decides which household column it filters. */
export type RegionLevel = 'county' | 'township' | 'village' | 'group';
export interface RegionRef {
  code: string;
  level: RegionLevel;
}

/** Every question about "which households" — list, stats, exports, exposure — is one of these. */
export interface HouseholdFilter {
  bbox?: BBox;
  grades?: (Grade | 'none')[];
  structures?: Structure[];
  key?: boolean;
  repairedC?: boolean;
  region?: RegionRef;
  /** The caller's jurisdiction: the subtree they may see. */
  scope?: RegionRef;
  q?: string;
  /** House states: normal, suspected (疑似危房) … */
  statuses?: string[];
  /** People flagged to be moved out now. */
  moveOut?: boolean;
  /** Houses whose works deadline (seed 001) is overdue on `today` — or, false, is not. */
  overdue?: { today: string; is: boolean };
  /** Households a name-list sync found gone from the list (delisted_on): true only those, false none of them; unset both. */
  delisted?: boolean;
  /** Exactly these households (a lasso selection, an import batch). */
  ids?: number[];
}

export interface FilterSql {
  /** `FROM …` clause joining households (h) with their current house (o). */
  from: string;
  where: string;
  params: Record<string, unknown>;
}

/** The household column that says which region of each level a household lies in. */
export const REGION_COLUMN: Record<RegionLevel, string | null> = {
  county: null,
  township: 'h.township_code',
  village: 'h.village_code',
  group: 'h.group_code',
};

/** `h` (households) lies in the region: a clause with its parameter set in `params`, or null for the county (every household). */
export function regionClause(ref: RegionRef, name: string, params: Record<string, unknown>): string | null {
  const column = REGION_COLUMN[ref.level];
  if (!column) return null; // the county holds every household
  params[name] = ref.code;
  return `${column} = @${name}`;
}

/**
 * Builds the one SQL shape behind every household number. Values go in as bound parameters,
 * never spliced into the text. A bbox uses the R*Tree as a prefilter and then compares the exact
 * REAL coordinates, because the R*Tree stores float32 and would admit points just outside.
 *
 * `housesOnly`: the caller reads house columns only (o.*), so households are joined only when a
 * clause needs them — exposure reads every house in a zone, a third faster without the join.
 */
export function householdFilterSql(f: HouseholdFilter, opts: { housesOnly?: boolean } = {}): FilterSql {
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  // Set by every clause on a household column (h.*).
  let onHouseholds = false;

  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox;
    Object.assign(params, { minLon, minLat, maxLon, maxLat });
    where.push(
      'r.max_lon >= @minLon AND r.min_lon <= @maxLon AND r.max_lat >= @minLat AND r.min_lat <= @maxLat',
      'o.lon BETWEEN @minLon AND @maxLon AND o.lat BETWEEN @minLat AND @maxLat',
    );
  }
  if (f.grades && f.grades.length > 0) {
    const named = f.grades.filter((g): g is Grade => g !== 'none');
    const parts: string[] = [];
    if (named.length > 0) {
      named.forEach((g, i) => (params[`grade${i}`] = g));
      parts.push(`o.grade IN (${named.map((_, i) => `@grade${i}`).join(', ')})`);
    }
    if (f.grades.includes('none')) parts.push('o.grade IS NULL');
    where.push(`(${parts.join(' OR ')})`);
  }
  if (f.structures && f.structures.length > 0) {
    f.structures.forEach((s, i) => (params[`structure${i}`] = s));
    where.push(`o.structure IN (${f.structures.map((_, i) => `@structure${i}`).join(', ')})`);
  }
  if (f.key !== undefined) {
    params.key = f.key ? 1 : 0;
    where.push('o.key_house = @key');
  }
  if (f.repairedC !== undefined) {
    params.repairedC = f.repairedC ? 1 : 0;
    where.push('o.repaired_c = @repairedC');
  }
  for (const [ref, name] of [
    [f.region, 'region'],
    [f.scope, 'scope'],
  ] as const) {
    const clause = ref ? regionClause(ref, name, params) : null;
    if (clause) {
      where.push(clause);
      onHouseholds = true;
    }
  }
  if (f.statuses && f.statuses.length > 0) {
    f.statuses.forEach((s, i) => (params[`status${i}`] = s));
    where.push(`o.status IN (${f.statuses.map((_, i) => `@status${i}`).join(', ')})`);
  }
  if (f.moveOut !== undefined) {
    params.moveOut = f.moveOut ? 1 : 0;
    where.push('o.move_out_required = @moveOut');
  }
  if (f.overdue) {
    params.today = f.overdue.today;
    where.push(`(${HOUSE_OVERDUE_SQL}) = ${f.overdue.is ? 1 : 0}`);
  }
  if (f.delisted !== undefined) {
    where.push(`h.delisted_on IS ${f.delisted ? 'NOT ' : ''}NULL`);
    onHouseholds = true;
  }
  if (f.ids) {
    params.ids = JSON.stringify(f.ids);
    where.push('h.id IN (SELECT value FROM json_each(@ids))');
    onHouseholds = true;
  }
  if (f.q) {
    params.q = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push("(h.head_name LIKE @q ESCAPE '\\' OR h.household_no LIKE @q ESCAPE '\\')");
    onHouseholds = true;
  }
  const households = !opts.housesOnly || onHouseholds;
  let from: string;
  if (f.bbox) {
    // CROSS JOIN makes SQLite lead with the R*Tree; left to itself the planner scans every house
    // and probes the R*Tree per row (about 10× slower for a village-sized box).
    from = `house_rtree r CROSS JOIN houses o ON o.id = r.id AND o.is_current = 1${households ? ' JOIN households h ON h.id = o.household_id' : ''}`;
  } else if (households) {
    from = 'households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1';
  } else {
    from = 'houses o';
    where.unshift('o.is_current = 1');
  }
  return { from, where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}
