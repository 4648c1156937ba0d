// The houses of an alert's zone, tested and counted inside SQLite. Reading every house of a
// 380,000-house zone into JavaScript costs about a second at a million households (a row object each);
// SQLite walks the same R*Tree and houses in a fifth of that. So the exact point-in-zone test comes to
// the rows instead: the zone's grid (domain/exposure.ts zoneCells) goes in as a blob, a house in a
// cell wholly inside counts at once, one in a cell wholly outside is skipped, and only a house in a
// cell the boundary crosses calls back into JavaScript for the exact test (anju_in_zone). The answers
// are the engine's: same cells, same arithmetic, same test.
import { HAZARD_FAMILY, type AlertType, type BBox } from '../domain/alerts.ts';
import { FRAGILITY, GRADE_POINTS, PEOPLE_MAX, SITE_MAX } from '../domain/risk.ts';
import { zoneCells, zoneContains, type CompiledZone } from '../domain/exposure.ts';
import { GRADES, STRUCTURES, type Grade, type GradeKey, type Structure } from '../domain/housing.ts';
import type { Db } from './connection.ts';
import { regionClause, type RegionRef } from './household-filter.ts';
import { HOUSE_COLUMNS, type HouseColumns } from './house-row.ts';
import { prepared } from './statements.ts';

// Zones being tested by a statement on each connection, by handle: anju_in_zone(handle, lon, lat).
const zonesIn = new WeakMap<Db, Map<number, CompiledZone>>();
let nextHandle = 1;

function registry(db: Db): Map<number, CompiledZone> {
  let zones = zonesIn.get(db);
  if (!zones) {
    const live = new Map<number, CompiledZone>();
    db.function('anju_in_zone', { directOnly: true }, (handle, lon, lat) => {
      const zone = live.get(handle as number);
      return zone && zoneContains(zone, lon as number, lat as number) ? 1 : 0;
    });
    zonesIn.set(db, (zones = live));
  }
  return zones;
}

/** The condition "o lies in the zone" with its parameters; valid while `use` runs. */
function withZone<R>(db: Db, zone: CompiledZone, use: (clause: string, params: Record<string, unknown>) => R): R {
  const zones = registry(db);
  const handle = nextHandle++;
  zones.set(handle, zone);
  const g = zoneCells(zone);
  const cell = `min(@zoneRows - 1, max(0, CAST((o.lat - @zoneY) * @zoneInvH AS INTEGER))) * @zoneCols
              + min(@zoneCols - 1, max(0, CAST((o.lon - @zoneX) * @zoneInvW AS INTEGER))) + 1`;
  const clause = `CASE substr(@zoneCells, ${cell}, 1) WHEN x'01' THEN 1 WHEN x'02' THEN anju_in_zone(@zone, o.lon, o.lat) ELSE 0 END = 1`;
  const params = {
    zone: handle,
    zoneCells: Buffer.from(g.cells.buffer, g.cells.byteOffset, g.cells.byteLength),
    zoneRows: g.rows,
    zoneCols: g.cols,
    zoneX: g.minX,
    zoneY: g.minY,
    zoneInvW: g.invCellW,
    zoneInvH: g.invCellH,
  };
  try {
    return use(clause, params);
  } finally {
    zones.delete(handle);
  }
}

/**
 * The current houses of the bbox, in the scope, from the houses_zone index (migration 019): a
 * township or village scope joins the households for their region, nothing else does.
 */
function zoneFrom(bbox: BBox, scope: RegionRef | undefined, households: boolean): { from: string; where: string; params: Record<string, unknown> } {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const params: Record<string, unknown> = { minLon, minLat, maxLon, maxLat };
  const inScope = scope ? regionClause(scope, 'scope', params) : null;
  const join = households || inScope ? ' JOIN households h ON h.id = o.household_id' : '';
  return {
    from: `houses o INDEXED BY houses_zone${join}`,
    where: `WHERE o.is_current = 1 AND o.lon BETWEEN @minLon AND @maxLon AND o.lat BETWEEN @minLat AND @maxLat${inScope ? ` AND ${inScope}` : ''}`,
    params,
  };
}

/** What the exposure panel counts of a zone: by grade, structure, key, repaired C. */
export interface ZoneCounts {
  total: number;
  byGrade: Record<GradeKey, number>;
  byStructure: Partial<Record<Structure, number>>;
  key: number;
  repairedC: number;
}

// One row of sums, not a GROUP BY: grouping 400,000 rows means sorting them, five times the read. And
// two counts packed into each sum (the second times 2^31), since every aggregate is a step per row: nine
// sums instead of sixteen read a 475,000-house box in 150 ms instead of 230. A field holds up to 2^31 − 1
// houses and the sum stays within 2^62.
const PACK = 2 ** 31;
const inPairs = <T extends string>(values: readonly T[]) => {
  const pairs: [T, T | undefined][] = [];
  for (let i = 0; i < values.length; i += 2) pairs.push([values[i]!, values[i + 1]]);
  return pairs;
};
const STRUCTURE_PAIRS = inPairs(STRUCTURES);
const GRADE_PAIRS = inPairs(GRADES);
const pairSum = (column: string, [first, second]: readonly [string, string | undefined], alias: string) =>
  `sum(CASE ${column} WHEN '${first}' THEN 1${second ? ` WHEN '${second}' THEN ${PACK}` : ''} ELSE 0 END) AS ${alias}`;
const COUNT_COLUMNS = [
  'count(*) AS total',
  ...GRADE_PAIRS.map((pair, i) => pairSum('o.grade', pair, `grades_${i}`)),
  ...STRUCTURE_PAIRS.map((pair, i) => pairSum('o.structure', pair, `structures_${i}`)),
  `sum(o.key_house + ${PACK} * o.repaired_c) AS key_repaired`,
].join(', ');

/** The two counts of a packed sum. */
const unpack = (sum: number | null): [number, number] => [(sum ?? 0) % PACK, Math.floor((sum ?? 0) / PACK)];

/** The current houses in the zone and scope, counted: no household is read and nothing is scored. */
export function zoneCounts(db: Db, zone: CompiledZone, bbox: BBox, scope: RegionRef | undefined): ZoneCounts {
  const { from, where, params } = zoneFrom(bbox, scope, false);
  const r = withZone(db, zone, (inZone, zoneParams) =>
    prepared(db, `SELECT ${COUNT_COLUMNS} FROM ${from} ${where} AND ${inZone}`).get({ ...params, ...zoneParams }),
  ) as Record<string, number | null>;
  const counts = new Map<string, number>();
  const read = (pairs: readonly (readonly [string, string | undefined])[], prefix: string) =>
    pairs.forEach(([first, second], i) => {
      const [a, b] = unpack(r[`${prefix}_${i}`] ?? null);
      counts.set(first, a);
      if (second) counts.set(second, b);
    });
  read(GRADE_PAIRS, 'grades');
  read(STRUCTURE_PAIRS, 'structures');
  const total = r.total ?? 0;
  const byGrade = { A: counts.get('A')!, B: counts.get('B')!, C: counts.get('C')!, D: counts.get('D')!, none: 0 };
  byGrade.none = total - byGrade.A - byGrade.B - byGrade.C - byGrade.D;
  const byStructure: Partial<Record<Structure, number>> = {};
  for (const s of STRUCTURES) if (counts.get(s)! > 0) byStructure[s] = counts.get(s)!;
  const [key, repairedC] = unpack(r.key_repaired ?? null);
  return { total, byGrade, byStructure, key, repairedC };
}

/** A class of houses: what ranking can bound (domain/risk.ts riskCeiling) from the index alone. */
export interface HouseClass {
  grade: Grade | null;
  structure: Structure;
  key: boolean;
  repairedC: boolean;
}

export const classKey = (c: HouseClass) => `${c.grade ?? 'none'}|${c.structure}|${c.key ? 1 : 0}|${c.repairedC ? 1 : 0}`;
const CLASS_SQL = `coalesce(o.grade, 'none') || '|' || o.structure || '|' || o.key_house || '|' || o.repaired_c`;

/** Every class there is. */
export const HOUSE_CLASSES: readonly HouseClass[] = [...GRADES, null].flatMap((grade) =>
  STRUCTURES.flatMap((structure) => [false, true].flatMap((key) => [false, true].map((repairedC) => ({ grade, structure, key, repairedC })))),
);

/** What scoring a house needs, and what the exposure list shows of it. */
export interface ZoneHouseRow extends HouseColumns {
  id: number;
  household_no: string;
  river_dist_m: number | null;
  elevation_m: number | null;
  village_code: string;
  village_name: string;
  elderly: number;
  disabled: number;
  children: number;
  members: number;
  living_away: number;
}

/** The columns of a ZoneHouseRow (o = houses, h = households, v = the village's region): every exposure read selects these. */
export const ZONE_HOUSE_COLUMNS = `h.id, h.household_no, ${HOUSE_COLUMNS}, o.river_dist_m, o.elevation_m,
  h.village_code, v.name AS village_name, h.elderly, h.disabled, h.children, h.members, h.living_away`;

/**
 * The most a house's raw risk sum can be under an alert, in SQL, from its house and household columns:
 * everything of domain/risk.ts riskParts but the height above its village's lowest house, taken at its
 * worst (water: `low` = 1; ground, quake, wind: the whole site). Only ever at or above the real sum.
 * `houseOnly` takes the people at their most too: a bound from the house row alone, which SQLite tests
 * before it seeks the household, so most houses that cannot reach are never joined.
 */
function rawCeilingSql(alert: { type: AlertType }, houseOnly = false): string {
  const family = HAZARD_FAMILY[alert.type];
  const cases = (column: string, table: Record<string, number>) =>
    `(CASE ${column} ${Object.entries(table).map(([k, v]) => `WHEN '${k}' THEN ${v}`).join(' ')} END)`;
  const near = 'CASE WHEN o.river_dist_m IS NULL THEN 0.5 ELSE max(0.0, min(1.0, (500.0 - o.river_dist_m) / 450.0)) END';
  const site = family === 'water' ? `8.0 * (0.6 * (${near}) + 0.4)` : String(SITE_MAX[family]);
  const people = houseOnly ? String(PEOPLE_MAX) : `CASE WHEN h.living_away THEN 0 ELSE min(${PEOPLE_MAX}, 2 * h.elderly + 3 * h.disabled + h.children + CASE WHEN h.members = 1 THEN 3 ELSE 0 END) END`;
  const fragility = Object.fromEntries(Object.entries(FRAGILITY[family]).map(([k, v]) => [k, 10 * v]));
  return `${cases("coalesce(o.grade, 'none')", GRADE_POINTS)} + ${cases('o.structure', fragility)} + 3 * o.key_house + 2 * o.repaired_c + ${site} + ${people}`;
}

/**
 * The households in the zone and scope whose house is of one of `classes` (by classKey; null: every
 * class), each once; with `reaching`, only those whose raw risk sum can reach `rawNeeded` under the alert.
 */
export function zoneHouseRows(
  db: Db,
  zone: CompiledZone,
  bbox: BBox,
  scope: RegionRef | undefined,
  classes: readonly string[] | null,
  reaching?: { alert: { type: AlertType }; rawNeeded: number },
): ZoneHouseRow[] {
  const { from, where, params } = zoneFrom(bbox, scope, true);
  let ofClass = classes ? `AND (${CLASS_SQL}) IN (SELECT value FROM json_each(@classes))` : '';
  if (reaching && Number.isFinite(reaching.rawNeeded)) {
    ofClass += ` AND ${rawCeilingSql(reaching.alert, true)} >= @rawNeeded AND ${rawCeilingSql(reaching.alert)} >= @rawNeeded`;
    params.rawNeeded = reaching.rawNeeded;
  }
  // The index answers the class and the zone (SQLite defers the row's seek), so only the houses that pass are read whole.
  return withZone(db, zone, (inZone, zoneParams) =>
    prepared(
      db,
      `SELECT ${ZONE_HOUSE_COLUMNS}
         FROM ${from} JOIN regions v ON v.code = h.village_code
         ${where} ${ofClass} AND ${inZone}`,
    ).all({ ...params, ...zoneParams, ...(classes ? { classes: JSON.stringify(classes) } : {}) }) as ZoneHouseRow[],
  );
}

/** The households whose current house is in the zone and scope, ascending: read from the index alone. */
export function zoneHouseholdIds(db: Db, zone: CompiledZone, bbox: BBox, scope: RegionRef | undefined): number[] {
  const { from, where, params } = zoneFrom(bbox, scope, false);
  const ids = withZone(db, zone, (inZone, zoneParams) =>
    prepared(db, `SELECT o.household_id FROM ${from} ${where} AND ${inZone}`).pluck().all({ ...params, ...zoneParams }),
  ) as number[];
  return ids.sort((a, b) => a - b);
}
