// Household counts from the maintained facet table (migration 019): current houses per village ×
// grade × structure × state × key × repaired C × must move out × delisted, kept by triggers in the
// same transaction as every write. A filter made only of those facets and a region of county,
// township or village level is answered from it — a few thousand rows at any county size — and
// every other filter (a bbox, a name, overdue works: "overdue" moves with the day, not with a write)
// from the exact query over houses and households. Both paths tally the same way, so they agree.
import type { Db } from './connection.ts';
import { householdFilterSql, REGION_COLUMN, type HouseholdFilter, type RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';
import type { Grade, GradeKey } from '../domain/housing.ts';

export interface FacetCounts {
  total: number;
  byGrade: Record<GradeKey, number>;
  byStructure: Record<string, number>;
  /** By ledger state (houses.status). */
  byStatus: Record<string, number>;
  key: number;
  repairedC: number;
  mustMoveOut: number;
  delisted: number;
}

export const emptyFacetCounts = (): FacetCounts => ({
  total: 0,
  byGrade: { A: 0, B: 0, C: 0, D: 0, none: 0 },
  byStructure: {},
  byStatus: {},
  key: 0,
  repairedC: 0,
  mustMoveOut: 0,
  delisted: 0,
});

/** The facet table's columns for each region level it can answer (a group is finer than a village). */
const FACET_REGION_COLUMN: Record<RegionRef['level'], string | null | undefined> = {
  county: null,
  township: 'township_code',
  village: 'village_code',
  group: undefined,
};

/** Can the facet table answer this filter? Only facets it keeps, and regions no finer than a village. */
export function facetAnswerable(f: HouseholdFilter): boolean {
  if (f.bbox || f.q || f.overdue || f.ids) return false;
  for (const ref of [f.region, f.scope]) if (ref && FACET_REGION_COLUMN[ref.level] === undefined) return false;
  return true;
}

/** The filter as a WHERE over household_facets; the same clauses householdFilterSql puts on houses and households. */
function facetWhere(f: HouseholdFilter): { where: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  const inList = (column: string, name: string, values: readonly string[]) => {
    values.forEach((v, i) => (params[`${name}${i}`] = v));
    where.push(`${column} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
  };
  if (f.grades && f.grades.length > 0) inList('grade_key', 'grade', f.grades);
  if (f.structures && f.structures.length > 0) inList('structure', 'structure', f.structures);
  if (f.statuses && f.statuses.length > 0) inList('status', 'status', f.statuses);
  const flag = (column: string, name: string, value: boolean | undefined) => {
    if (value === undefined) return;
    params[name] = value ? 1 : 0;
    where.push(`${column} = @${name}`);
  };
  flag('key_house', 'key', f.key);
  flag('repaired_c', 'repairedC', f.repairedC);
  flag('move_out', 'moveOut', f.moveOut);
  flag('delisted', 'delisted', f.delisted);
  for (const [ref, name] of [
    [f.region, 'region'],
    [f.scope, 'scope'],
  ] as const) {
    const column = ref ? FACET_REGION_COLUMN[ref.level] : null;
    if (!ref || !column) continue;
    params[name] = ref.code;
    where.push(`${column} = @${name}`);
  }
  return { where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

interface TallyRow {
  region: string;
  grade: GradeKey;
  structure: string;
  status: string;
  n: number;
  key: number;
  repaired: number;
  moveOut: number;
  delisted: number;
}

function tally(rows: readonly TallyRow[]): Map<string, FacetCounts> {
  const out = new Map<string, FacetCounts>();
  for (const r of rows) {
    if (r.n === 0) continue;
    let c = out.get(r.region);
    if (!c) out.set(r.region, (c = emptyFacetCounts()));
    c.total += r.n;
    c.byGrade[r.grade] += r.n;
    c.byStructure[r.structure] = (c.byStructure[r.structure] ?? 0) + r.n;
    c.byStatus[r.status] = (c.byStatus[r.status] ?? 0) + r.n;
    c.key += r.key;
    c.repairedC += r.repaired;
    c.mustMoveOut += r.moveOut;
    c.delisted += r.delisted;
  }
  return out;
}

/** The counts from the facet table (the filter must be facetAnswerable), grouped by a region column or not at all. */
function fromTable(db: Db, f: HouseholdFilter, level: 'township' | 'village' | null): Map<string, FacetCounts> {
  const { where, params } = facetWhere(f);
  const region = level ? FACET_REGION_COLUMN[level]! : "''";
  const rows = prepared(
    db,
    `SELECT ${region} AS region, grade_key AS grade, structure, status, sum(n) AS n, sum(n * key_house) AS key,
            sum(n * repaired_c) AS repaired, sum(n * move_out) AS moveOut, sum(n * delisted) AS delisted
       FROM household_facets ${where} GROUP BY ${region}, grade_key, structure, status`,
  ).all(params) as TallyRow[];
  return tally(rows);
}

/** The same counts from houses and households themselves: any filter, at the cost of reading every match. */
function exact(db: Db, f: HouseholdFilter, level: 'township' | 'village' | null): Map<string, FacetCounts> {
  const { from, where, params } = householdFilterSql(f);
  const region = level ? REGION_COLUMN[level]! : "''";
  const rows = prepared(
    db,
    `SELECT ${region} AS region, coalesce(o.grade, 'none') AS grade, o.structure, o.status, count(*) AS n, sum(o.key_house) AS key,
            sum(o.repaired_c) AS repaired, sum(o.move_out_required) AS moveOut, sum(h.delisted_on IS NOT NULL) AS delisted
       FROM ${from} ${where} GROUP BY ${region}, o.grade, o.structure, o.status`,
  ).all(params) as TallyRow[];
  return tally(rows);
}

/** Counts of the households a filter matches: from the facet table when it can answer, else exactly. */
export function facetCounts(db: Db, filter: HouseholdFilter): FacetCounts {
  return (facetAnswerable(filter) ? fromTable(db, filter, null) : exact(db, filter, null)).get('') ?? emptyFacetCounts();
}

/** The same per township or village (keys: region codes; a region with none is absent). */
export function facetCountsByRegion(db: Db, filter: HouseholdFilter, level: 'township' | 'village'): Map<string, FacetCounts> {
  return facetAnswerable(filter) ? fromTable(db, filter, level) : exact(db, filter, level);
}

/** How many households a filter matches: one sum over the facet table when it can answer, else null (count exactly). */
export function facetTotal(db: Db, filter: HouseholdFilter): number | null {
  if (!facetAnswerable(filter)) return null;
  const { where, params } = facetWhere(filter);
  return (prepared(db, `SELECT coalesce(sum(n), 0) AS n FROM household_facets ${where}`).get(params) as { n: number }).n;
}

/**
 * Households with a current house, the whole file: one sum over the facet table (a few thousand rows), not a
 * count over a million households — /api/health answers it on the request thread under any load.
 */
export function householdsWithCurrentHouse(db: Db): number {
  return (prepared(db, 'SELECT coalesce(sum(n), 0) AS n FROM household_facets').get() as { n: number }).n;
}

/** Current houses in scope by class (grade|structure|key|repairedC, as zone-houses.ts classKey): what ranking expects to meet. */
export function facetClassCounts(db: Db, scope: RegionRef | undefined): Map<string, number> {
  const { where, params } = facetWhere(scope ? { scope } : {});
  const rows = prepared(
    db,
    `SELECT grade_key || '|' || structure || '|' || key_house || '|' || repaired_c AS class, sum(n) AS n
       FROM household_facets ${where} GROUP BY grade_key, structure, key_house, repaired_c`,
  ).all(params) as { class: string; n: number }[];
  return new Map(rows.map((r) => [r.class, r.n]));
}

/** One row of the facet table, as it is and as houses and households say it should be. */
export interface FacetRow {
  villageCode: string;
  townshipCode: string;
  grade: Grade | 'none';
  structure: string;
  status: string;
  key: number;
  repairedC: number;
  moveOut: number;
  delisted: number;
  n: number;
}

const ROW_COLUMNS = `village_code AS villageCode, township_code AS townshipCode, grade_key AS grade, structure, status,
  key_house AS key, repaired_c AS repairedC, move_out AS moveOut, delisted`;

/** The GROUP BY the table must always equal — the migration's backfill and a bulk load's rebuild. */
const EXACT_ROWS = `SELECT h.village_code, h.township_code, coalesce(o.grade, 'none'), o.structure, o.status, o.key_house, o.repaired_c,
       o.move_out_required, h.delisted_on IS NOT NULL, count(*)
  FROM houses o JOIN households h ON h.id = o.household_id
 WHERE o.is_current = 1
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

/** Fills the table afresh from houses and households (after a bulk load, which writes without the triggers). */
export function rebuildHouseholdFacets(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM household_facets').run();
    db.prepare(`INSERT INTO household_facets ${EXACT_ROWS}`).run();
  })();
}

/**
 * Rows where the table and the GROUP BY over houses and households disagree (empty: in step). For
 * the tests that prove the triggers, and for an operator who changed rows behind the app's back.
 */
export function facetDrift(db: Db): { kept: FacetRow | null; exact: FacetRow | null }[] {
  const key = (r: FacetRow) => [r.villageCode, r.townshipCode, r.grade, r.structure, r.status, r.key, r.repairedC, r.moveOut, r.delisted].join('|');
  const kept = db.prepare(`SELECT ${ROW_COLUMNS}, n FROM household_facets WHERE n > 0`).all() as FacetRow[];
  const exactRows = db
    .prepare(
      `SELECT village_code AS villageCode, township_code AS townshipCode, grade, structure, status, key, repairedC, moveOut, delisted, n
         FROM (SELECT h.village_code, h.township_code, coalesce(o.grade, 'none') AS grade, o.structure, o.status, o.key_house AS key,
                      o.repaired_c AS repairedC, o.move_out_required AS moveOut, h.delisted_on IS NOT NULL AS delisted, count(*) AS n
                 FROM houses o JOIN households h ON h.id = o.household_id WHERE o.is_current = 1
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)`,
    )
    .all() as FacetRow[];
  const byKey = new Map(kept.map((r) => [key(r), r]));
  const drift: { kept: FacetRow | null; exact: FacetRow | null }[] = [];
  for (const e of exactRows) {
    const k = byKey.get(key(e));
    byKey.delete(key(e));
    if (!k || k.n !== e.n) drift.push({ kept: k ?? null, exact: e });
  }
  for (const k of byKey.values()) drift.push({ kept: k, exact: null });
  return drift;
}
