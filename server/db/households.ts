import type { AppraisalKind, Grade, RenovationMethod, Structure } from '../domain/housing.ts';
import type { Db } from './connection.ts';
import { facetCounts, facetCountsByRegion, facetTotal, type FacetCounts } from './household-facets.ts';
import { householdFilterSql, type HouseholdFilter } from './household-filter.ts';
import { HOUSE_COLUMNS, houseFields, type HouseColumns, type HouseFields } from './house-row.ts';
import { HOUSE_OVERDUE_SQL } from './ledger-facts.ts';
import { prepared } from './statements.ts';

export interface HouseholdPoint extends HouseFields {
  id: number;
  householdNo: string;
  headName: string;
  /** The ledger state (domain/ledger-states.ts). */
  status: string;
  /** The works deadline (seed 001) has passed with the works unfinished. */
  overdue: boolean;
  /** People still live in a house they must leave (mustMoveOut, kept by db/ledger.ts refreshMoveOut). */
  mustMoveOut: boolean;
  regionCode: string;
  villageName: string;
  /** Asked with a range (`patrolledIn`): a patrol reported a field result for the house in it. */
  patrolled?: boolean;
}

interface PointRow extends HouseColumns {
  id: number;
  household_no: string;
  head_name: string;
  status: string;
  overdue: number;
  must_move_out: number;
  village_code: string;
  village_name: string;
  patrolled?: number;
}

/** A stop of the house reported with a field result within [@patrolFrom, @patrolTo) (UTC ISO instants): one index probe a house. */
export const PATROLLED_SQL = `EXISTS (SELECT 1 FROM patrol_stops s WHERE s.house_id = o.id AND s.result IS NOT NULL
    AND s.reported_at >= @patrolFrom AND s.reported_at < @patrolTo)`;

const toPoint = (r: PointRow): HouseholdPoint => ({
  id: r.id,
  householdNo: r.household_no,
  headName: r.head_name,
  ...houseFields(r),
  status: r.status,
  overdue: r.overdue === 1,
  mustMoveOut: r.must_move_out === 1,
  regionCode: r.village_code,
  villageName: r.village_name,
  ...(r.patrolled === undefined ? {} : { patrolled: r.patrolled === 1 }),
});

/**
 * Households matching a filter, in id order, at most `limit`, read one at a time: the map's list and
 * the flagged lists' exports read the same rows. `today` (China day) decides which works deadlines are
 * overdue; with `patrolledIn`, each point says whether it was patrolled in that window (the dashboard's
 * range, shared with the map). `after`: only households with a greater id (a page's keyset cursor).
 */
export function* householdPointRows(
  db: Db,
  filter: HouseholdFilter,
  limit: number,
  today: string,
  patrolledIn?: { from: string; to: string },
  after = 0,
): Generator<HouseholdPoint> {
  const { from, where, params } = householdFilterSql(filter);
  const rows = prepared(
    db,
    `SELECT h.id, h.household_no, h.head_name, ${HOUSE_COLUMNS}, o.status, h.village_code, v.name AS village_name,
            ${HOUSE_OVERDUE_SQL} AS overdue, o.move_out_required AS must_move_out${patrolledIn ? `, ${PATROLLED_SQL} AS patrolled` : ''}
       FROM ${from} JOIN regions v ON v.code = h.village_code
       ${where ? `${where} AND` : 'WHERE'} h.id > @after ORDER BY h.id LIMIT @limit`,
  ).iterate({ ...params, today, limit, after, ...(patrolledIn ? { patrolFrom: patrolledIn.from, patrolTo: patrolledIn.to } : {}) }) as IterableIterator<PointRow>;
  for (const r of rows) yield toPoint(r);
}

/** How many households a filter matches: from the maintained facet table when it can answer (household-facets.ts), else counted. */
export function countHouseholds(db: Db, filter: HouseholdFilter): number {
  const kept = facetTotal(db, filter);
  if (kept !== null) return kept;
  const { from, where, params } = householdFilterSql(filter);
  return (prepared(db, `SELECT count(*) AS n FROM ${from} ${where}`).get(params) as { n: number }).n;
}

export interface HouseholdStats {
  total: number;
  byGrade: Record<Grade | 'none', number>;
  byStructure: Record<string, number>;
  key: number;
  repairedC: number;
}

const toStats = ({ total, byGrade, byStructure, key, repairedC }: FacetCounts): HouseholdStats => ({ total, byGrade, byStructure, key, repairedC });

/**
 * The numbers behind the legend, the briefings and the exposure panel: one query shape for all — the
 * facet table when the filter allows (the same at 20,000 and 1,000,000 households), else exact.
 */
export function householdStats(db: Db, filter: HouseholdFilter): HouseholdStats {
  return toStats(facetCounts(db, filter));
}

/**
 * The same numbers per township or village (the rows of a briefing's and a report's tables), from the
 * same counts: only the grouping differs, so a row can never count differently from /api/stats.
 */
export function householdStatsByRegion(db: Db, filter: HouseholdFilter, level: 'township' | 'village'): Map<string, HouseholdStats> {
  return new Map([...facetCountsByRegion(db, filter, level)].map(([code, c]) => [code, toStats(c)]));
}

export interface HouseholdDetail {
  id: number;
  householdNo: string;
  headName: string;
  idCard: string;
  phone: string | null;
  members: number;
  elderly: number;
  disabled: number;
  children: number;
  category: string;
  guaranteeMode: string;
  livingAway: boolean;
  /** The day a name-list sync found the household gone from the monitored list (null: listed). */
  delistedOn: string | null;
  region: {
    township: { code: string; name: string };
    village: { code: string; name: string };
    group: { code: string; name: string };
  };
  house: HouseFields & {
    id: number;
    storeys: number;
    builtYear: number | null;
    floorArea: number | null;
    elevationM: number | null;
    riverDistM: number | null;
    appraisedOn: string | null;
    status: string;
    moveOutRequired: boolean;
    suspectedAt: string | null;
    /** Placed at its village's centre by a name-list sync, not surveyed (issue 13). */
    locationEstimated: boolean;
    /** A placeholder structure (a name list says nothing of walls) until someone records the real one. */
    structureEstimated: boolean;
    /** The reference system the imported coordinates came in (gcj02 from AMap …); null for other houses. */
    sourceCrs: string | null;
  };
  appraisals: { id: number; appraisedOn: string; grade: Grade; kind: AppraisalKind; appraiser: string | null; org: string | null }[];
  renovations: { method: RenovationMethod; year: number; completedOn: string | null }[];
}

/**
 * One household with its current house and history, or null when it does not exist or lies
 * outside `scope` (outside one's jurisdiction a record does not exist). Personal data leaves
 * masked; the clear value needs the audited unmask path.
 */
export function getHouseholdDetail(db: Db, id: number, scope?: HouseholdFilter['scope']): HouseholdDetail | null {
  const { from, where, params } = householdFilterSql(scope ? { scope } : {});
  const r = prepared(
    db,
    `SELECT h.*, o.id AS house_id, o.lon, o.lat, o.structure, o.storeys, o.built_year, o.floor_area, o.elevation_m,
            o.river_dist_m, o.grade, o.appraised_on, o.repaired_c, o.key_house, o.status, o.move_out_required, o.suspected_at,
            o.location_estimated, o.structure_estimated, o.source_crs,
            t.name AS township_name, v.name AS village_name, g.name AS group_name
       FROM ${from}
       JOIN regions t ON t.code = h.township_code
       JOIN regions v ON v.code = h.village_code
       JOIN regions g ON g.code = h.group_code
       ${where ? `${where} AND` : 'WHERE'} h.id = @id`,
  ).get({ ...params, id }) as Record<string, any> | undefined;
  if (!r) return null;
  const appraisals = prepared(
    db,
    // The graded ones: an emergency assessment (可以居住 / 不可以居住) is in the house's ledger timeline.
    `SELECT id, appraised_on AS appraisedOn, grade, kind, appraiser, org FROM appraisals
      WHERE house_id = ? AND grade IS NOT NULL ORDER BY appraised_on DESC, id DESC`,
  ).all(r.house_id) as HouseholdDetail['appraisals'];
  const renovations = prepared(
    db,
    'SELECT method, year, completed_on AS completedOn FROM renovations WHERE house_id = ? ORDER BY year DESC, id DESC',
  ).all(r.house_id) as HouseholdDetail['renovations'];
  return {
    id: r.id,
    householdNo: r.household_no,
    headName: r.head_name,
    idCard: r.id_card_masked,
    phone: r.phone_masked ?? null,
    members: r.members,
    elderly: r.elderly,
    disabled: r.disabled,
    children: r.children,
    category: r.category,
    guaranteeMode: r.guarantee_mode,
    livingAway: r.living_away === 1,
    delistedOn: r.delisted_on ?? null,
    region: {
      township: { code: r.township_code, name: r.township_name },
      village: { code: r.village_code, name: r.village_name },
      group: { code: r.group_code, name: r.group_name },
    },
    house: {
      id: r.house_id,
      ...houseFields(r as HouseColumns),
      storeys: r.storeys,
      builtYear: r.built_year,
      floorArea: r.floor_area,
      elevationM: r.elevation_m,
      riverDistM: r.river_dist_m,
      appraisedOn: r.appraised_on,
      status: r.status,
      moveOutRequired: r.move_out_required === 1,
      suspectedAt: r.suspected_at,
      locationEstimated: r.location_estimated === 1,
      structureEstimated: r.structure_estimated === 1,
      sourceCrs: r.source_crs ?? null,
    },
    appraisals,
    renovations,
  };
}

/** The sealed ID-card and phone of a household in scope, for the audited unmask path only. */
export function getSealedPersonalData(
  db: Db,
  id: number,
  scope: HouseholdFilter['scope'],
): { idCardEnc: Buffer; phoneEnc: Buffer | null } | null {
  const { from, where, params } = householdFilterSql(scope ? { scope } : {});
  const row = prepared(
    db,
    `SELECT h.id_card_enc, h.phone_enc FROM ${from} ${where ? `${where} AND` : 'WHERE'} h.id = @id`,
  ).get({ ...params, id }) as { id_card_enc: Buffer; phone_enc: Buffer | null } | undefined;
  return row ? { idCardEnc: row.id_card_enc, phoneEnc: row.phone_enc } : null;
}

/** What an export adds to a household's row: the head, the ID-card and phone as stored (masked, and sealed), and where its house stands. */
export interface HouseholdExtras {
  headName: string;
  idCardMasked: string;
  phoneMasked: string | null;
  idCardEnc: Buffer;
  phoneEnc: Buffer | null;
  lon: number;
  lat: number;
}

/**
 * One household a list already showed (its scope was checked by that list): the personal data the
 * export masks (or, audited, opens) and its current house's point for the GeoJSON export.
 */
export function householdExtras(db: Db, id: number): HouseholdExtras | null {
  return (
    (prepared(
      db,
      `SELECT h.head_name AS headName, h.id_card_masked AS idCardMasked, h.phone_masked AS phoneMasked, h.id_card_enc AS idCardEnc, h.phone_enc AS phoneEnc, o.lon, o.lat
         FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1 WHERE h.id = ?`,
    ).get(id) as HouseholdExtras | undefined) ?? null
  );
}

export interface HouseSite {
  houseId: number;
  householdId: number;
  villageCode: string;
  lon: number;
  lat: number;
  grade: Grade | null;
  structure: Structure;
  key: boolean;
}

/** Current houses of the matching households, with what dispatch rules and routing need. */
export function listHouseSites(db: Db, filter: HouseholdFilter): HouseSite[] {
  const { from, where, params } = householdFilterSql(filter);
  return (
    prepared(
      db,
      `SELECT o.id AS houseId, h.id AS householdId, h.village_code AS villageCode, o.lon, o.lat, o.grade, o.structure,
              o.key_house AS key FROM ${from} ${where} ORDER BY h.id`,
    ).all(params) as (Omit<HouseSite, 'key'> & { key: number })[]
  ).map((r) => ({ ...r, key: r.key === 1 }));
}
