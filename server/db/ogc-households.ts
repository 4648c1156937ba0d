// The OGC API's `households` collection: each monitored household at its current house, with what the
// map's list (/api/households) shows — never ID-card or phone numbers, masked or not.
import type { OgcExtent, OgcFeature, OgcPage, PageQuery } from '../domain/ogc-features.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type HouseholdFilter, type RegionRef } from './household-filter.ts';
import { countHouseholds } from './households.ts';
import { HOUSE_OVERDUE_SQL } from './ledger-facts.ts';
import { prepared } from './statements.ts';

interface Row {
  id: number;
  household_no: string;
  head_name: string;
  lon: number;
  lat: number;
  grade: string | null;
  structure: string;
  status: string;
  key_house: number;
  repaired_c: number;
  move_out_required: number;
  overdue: number;
  appraised_on: string | null;
  location_estimated: number;
  structure_estimated: number;
  delisted_on: string | null;
  township_code: string;
  township_name: string;
  village_code: string;
  village_name: string;
  group_code: string;
  group_name: string;
}

const COLUMNS = `h.id, h.household_no, h.head_name, o.lon, o.lat, o.grade, o.structure, o.status, o.key_house, o.repaired_c,
  o.move_out_required, ${HOUSE_OVERDUE_SQL} AS overdue, o.appraised_on, o.location_estimated, o.structure_estimated,
  h.delisted_on, h.township_code, t.name AS township_name,
  h.village_code, v.name AS village_name, h.group_code, g.name AS group_name`;
const NAMES = `JOIN regions t ON t.code = h.township_code JOIN regions v ON v.code = h.village_code JOIN regions g ON g.code = h.group_code`;

const toFeature = (r: Row): OgcFeature => ({
  type: 'Feature',
  id: r.id,
  geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
  properties: {
    householdNo: r.household_no,
    headName: r.head_name,
    grade: r.grade,
    structure: r.structure,
    status: r.status,
    key: r.key_house === 1,
    repairedC: r.repaired_c === 1,
    mustMoveOut: r.move_out_required === 1,
    overdue: r.overdue === 1,
    appraisedOn: r.appraised_on,
    // Placed at the village centre / given a placeholder structure by a name list, not yet surveyed.
    locationEstimated: r.location_estimated === 1,
    structureEstimated: r.structure_estimated === 1,
    // Gone from the civil-affairs name list on this day; kept, as on the map (delisted=include).
    delistedOn: r.delisted_on,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    villageCode: r.village_code,
    villageName: r.village_name,
    groupCode: r.group_code,
    groupName: r.group_name,
  },
});

/**
 * One page of the households in `scope`, in id order: the shared household filter (its R*Tree path for
 * a bbox), so a page of 10,000 is one indexed query. `today` (China day) decides `overdue`.
 */
export function householdPage(db: Db, scope: RegionRef, q: PageQuery, today: string): OgcPage {
  const filter: HouseholdFilter = { scope, ...(q.bbox ? { bbox: q.bbox } : {}) };
  const { from, where, params } = householdFilterSql(filter);
  const rows = prepared(db, `SELECT ${COLUMNS} FROM ${from} ${NAMES} ${where} ORDER BY h.id LIMIT @limit OFFSET @offset`).all({
    ...params,
    today,
    limit: q.limit,
    offset: q.offset,
  }) as Row[];
  // A short first page counts itself; otherwise one count over the same filter.
  const numberMatched = q.offset === 0 && rows.length < q.limit ? rows.length : countHouseholds(db, filter);
  return { features: rows.map(toFeature), numberMatched };
}

/** One household in `scope`, or null (outside one's jurisdiction a household does not exist). */
export function householdFeature(db: Db, scope: RegionRef, id: number, today: string): OgcFeature | null {
  const { from, where, params } = householdFilterSql({ scope });
  const r = prepared(db, `SELECT ${COLUMNS} FROM ${from} ${NAMES} ${where ? `${where} AND` : 'WHERE'} h.id = @id`).get({ ...params, today, id }) as
    | Row
    | undefined;
  return r ? toFeature(r) : null;
}

/** Where the households of `scope` stand: the box of their current houses. */
export function householdExtent(db: Db, scope: RegionRef): OgcExtent {
  const { from, where, params } = householdFilterSql({ scope });
  const r = prepared(db, `SELECT min(o.lon) AS w, min(o.lat) AS s, max(o.lon) AS e, max(o.lat) AS n FROM ${from} ${where}`).get(params) as {
    w: number | null;
    s: number;
    e: number;
    n: number;
  };
  return { bbox: r.w === null ? null : [r.w, r.s, r.e, r.n] };
}
