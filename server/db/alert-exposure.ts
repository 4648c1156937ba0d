// Exposure in the database: the household filter's bbox query on each alert's bbox (R*Tree prefilter,
// then the exact lon/lat), then the exact point-in-zone engine (domain/exposure.ts), then risk.
import type { AlertLevel, AlertType, BBox } from '../domain/alerts.ts';
import { compileZone, exposureJoin, zoneContains, type CompiledZone } from '../domain/exposure.ts';
import type { Grade, Structure } from '../domain/housing.ts';
import { riskScore, type RiskHouse } from '../domain/risk.ts';
import type { Alert } from './alerts.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type RegionRef } from './household-filter.ts';
import { HOUSE_COLUMNS, houseFields, type HouseColumns, type HouseFields } from './house-row.ts';
import { prepared } from './statements.ts';

type ZoneAlert = Pick<Alert, 'id' | 'version' | 'geometry' | 'bbox'>;

// Compiled zones by alert id and version: an alert's zone only changes with a new version.
const zones = new WeakMap<Db, Map<string, CompiledZone>>();
function zoneOf(db: Db, a: ZoneAlert): CompiledZone {
  let byKey = zones.get(db);
  if (!byKey) zones.set(db, (byKey = new Map()));
  const key = `${a.id}:${a.version}`;
  let z = byKey.get(key);
  if (!z) {
    if (byKey.size > 512) byKey.clear();
    byKey.set(key, (z = compileZone(a.geometry)));
  }
  return z;
}

interface Candidates {
  householdIds: Int32Array;
  xs: Float64Array;
  ys: Float64Array;
  grades: (Grade | null)[];
  keys: Uint8Array;
}

const area = (b: BBox) => (b[2] - b[0]) * (b[3] - b[1]);

/**
 * Current houses in scope whose location falls in any of the bboxes, each once. Overlapping bboxes
 * (many alerts over one county) are read as their union in one R*Tree query; scattered ones one by one.
 */
function candidates(db: Db, bboxes: readonly BBox[], scope: RegionRef | undefined): Candidates {
  const union: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of bboxes) {
    union[0] = Math.min(union[0], b[0]);
    union[1] = Math.min(union[1], b[1]);
    union[2] = Math.max(union[2], b[2]);
    union[3] = Math.max(union[3], b[3]);
  }
  const sum = bboxes.reduce((s, b) => s + area(b), 0);
  const queries = bboxes.length === 0 ? [] : sum >= area(union) ? [union] : bboxes;
  const seen = new Set<number>();
  const ids: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const grades: (Grade | null)[] = [];
  const keys: number[] = [];
  for (const bbox of queries) {
    // The household filter's bbox shape: the R*Tree leads the join (a small zone reads only its own
    // houses), then the exact coordinates; households are joined only for a township/village scope.
    const { from, where, params } = householdFilterSql({ bbox, scope }, { housesOnly: true });
    const rows = prepared(db, `SELECT o.household_id, o.lon, o.lat, o.grade, o.key_house FROM ${from} ${where}`)
      .raw()
      .all(params) as [number, number, number, Grade | null, number][];
    for (const [id, lon, lat, grade, key] of rows) {
      if (queries.length > 1) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      ids.push(id);
      xs.push(lon);
      ys.push(lat);
      grades.push(grade);
      keys.push(key);
    }
  }
  return {
    householdIds: Int32Array.from(ids),
    xs: Float64Array.from(xs),
    ys: Float64Array.from(ys),
    grades,
    keys: Uint8Array.from(keys),
  };
}

export interface ExposureCounts {
  total: number;
  byGrade: Record<Grade | 'none', number>;
  key: number;
}

/** Exposure counts of many alerts at once, households limited to `scope`. */
export function exposureCounts(db: Db, alerts: readonly ZoneAlert[], scope: RegionRef | undefined): Map<number, ExposureCounts> {
  const c = candidates(db, alerts.map((a) => a.bbox), scope);
  const inside = exposureJoin(c.xs, c.ys, alerts.map((a) => zoneOf(db, a)));
  const out = new Map<number, ExposureCounts>();
  alerts.forEach((a, i) => {
    const counts: ExposureCounts = { total: 0, byGrade: { A: 0, B: 0, C: 0, D: 0, none: 0 }, key: 0 };
    for (const p of inside[i]!) {
      counts.total++;
      counts.byGrade[c.grades[p] ?? 'none']++;
      counts.key += c.keys[p]!;
    }
    out.set(a.id, counts);
  });
  return out;
}

/** One alert's exposure in a region: households in its zone, in all and per child region (township or village). */
export interface RegionExposure {
  alertId: number;
  total: number;
  byChild: Record<string, number>;
}

/**
 * Households in each alert's zone within `scope`, counted per child region of `childLevel` (null: the
 * total alone) — the quarterly warning statistics (seed 002) per township. The zones are tested as
 * exposureCounts tests them; the child of each household is read once for all alerts.
 */
export function exposureByRegion(
  db: Db,
  alerts: readonly ZoneAlert[],
  scope: RegionRef | undefined,
  childLevel: 'township' | 'village' | null,
): RegionExposure[] {
  const c = candidates(db, alerts.map((a) => a.bbox), scope);
  const inside = exposureJoin(c.xs, c.ys, alerts.map((a) => zoneOf(db, a)));
  const childOf = new Map<number, string>();
  if (childLevel) {
    const { from, where, params } = householdFilterSql(scope ? { scope } : {});
    const column = childLevel === 'township' ? 'h.township_code' : 'h.village_code';
    for (const [id, code] of prepared(db, `SELECT h.id, ${column} FROM ${from} ${where}`).raw().all(params) as [number, string][]) childOf.set(id, code);
  }
  return alerts.map((a, i) => {
    const byChild: Record<string, number> = {};
    for (const p of inside[i]!) {
      const code = childOf.get(c.householdIds[p]!);
      if (code !== undefined) byChild[code] = (byChild[code] ?? 0) + 1;
    }
    return { alertId: a.id, total: inside[i]!.length, byChild };
  });
}

export interface ExposedHousehold extends HouseFields {
  id: number;
  householdNo: string;
  risk: number;
  villageCode: string;
  villageName: string;
}

export interface Exposure {
  alertId: number;
  total: number;
  byGrade: Record<Grade | 'none', number>;
  byStructure: Partial<Record<Structure, number>>;
  key: number;
  repairedC: number;
  /** Ranked by risk, highest first; at most `limit`. */
  households: ExposedHousehold[];
  truncated: boolean;
}

interface DetailRow extends HouseColumns {
  id: number;
  household_no: string;
  river_dist_m: number | null;
  elevation_m: number | null;
  village_code: string;
  village_name: string;
  village_floor: number | null;
  elderly: number;
  disabled: number;
  children: number;
  members: number;
  living_away: number;
}

// Each village's lowest house (the valley floor risk.ts measures height from), per database, refreshed
// when a house is added (relocation writes a new row, so max(id) moves).
const floors = new WeakMap<Db, { stamp: number; byVillage: Map<string, number> }>();
function villageFloors(db: Db): Map<string, number> {
  const stamp = (prepared(db, 'SELECT coalesce(max(id), 0) AS m FROM houses').get() as { m: number }).m;
  const cached = floors.get(db);
  if (cached && cached.stamp === stamp) return cached.byVillage;
  const rows = prepared(
    db,
    `SELECT h.village_code, min(o.elevation_m) FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
      WHERE o.elevation_m IS NOT NULL GROUP BY h.village_code`,
  )
    .raw()
    .all() as [string, number][];
  const byVillage = new Map(rows);
  floors.set(db, { stamp, byVillage });
  return byVillage;
}

function details(db: Db, householdIds: readonly number[]): DetailRow[] {
  if (householdIds.length === 0) return [];
  const floor = villageFloors(db);
  const rows = prepared(
    db,
    `SELECT h.id, h.household_no, ${HOUSE_COLUMNS}, o.river_dist_m, o.elevation_m,
            h.village_code, v.name AS village_name, h.elderly, h.disabled, h.children, h.members, h.living_away
       FROM json_each(@ids) p JOIN households h ON h.id = p.value
       JOIN houses o ON o.household_id = h.id AND o.is_current = 1
       JOIN regions v ON v.code = h.village_code`,
  ).all({ ids: JSON.stringify(householdIds) }) as Omit<DetailRow, 'village_floor'>[];
  return rows.map((r) => ({ ...r, village_floor: floor.get(r.village_code) ?? null }));
}

function riskHouse(r: DetailRow): RiskHouse {
  return {
    ...houseFields(r),
    riverDistM: r.river_dist_m,
    reliefM: r.elevation_m === null || r.village_floor === null ? null : r.elevation_m - r.village_floor,
    elderly: r.elderly,
    disabled: r.disabled,
    children: r.children,
    members: r.members,
    livingAway: r.living_away === 1,
  };
}

/** The households in one alert's zone and in scope, counted and ranked by risk under that alert. */
export function exposureOf(
  db: Db,
  alert: ZoneAlert & { type: AlertType; level: AlertLevel },
  scope: RegionRef | undefined,
  limit: number,
): Exposure {
  const c = candidates(db, [alert.bbox], scope);
  const [inside] = exposureJoin(c.xs, c.ys, [zoneOf(db, alert)]);
  const rows = details(db, Array.from(inside!, (i) => c.householdIds[i]!));
  const out: Exposure = {
    alertId: alert.id,
    total: rows.length,
    byGrade: { A: 0, B: 0, C: 0, D: 0, none: 0 },
    byStructure: {},
    key: 0,
    repairedC: 0,
    households: [],
    truncated: rows.length > limit,
  };
  const ranked = rows.map((r) => {
    out.byGrade[r.grade ?? 'none']++;
    out.byStructure[r.structure] = (out.byStructure[r.structure] ?? 0) + 1;
    out.key += r.key_house;
    out.repairedC += r.repaired_c;
    return { row: r, risk: riskScore(riskHouse(r), alert) };
  });
  ranked.sort((a, b) => b.risk - a.risk || a.row.id - b.row.id);
  out.households = ranked.slice(0, limit).map(({ row: r, risk }) => ({
    id: r.id,
    householdNo: r.household_no,
    ...houseFields(r),
    risk,
    villageCode: r.village_code,
    villageName: r.village_name,
  }));
  return out;
}

/** One household's risk under each of the given alerts whose zone holds its house (boundary included). */
export function householdRisks(
  db: Db,
  householdId: number,
  alerts: readonly (ZoneAlert & { type: AlertType; level: AlertLevel })[],
): { alertId: number; risk: number }[] {
  const [row] = details(db, [householdId]);
  if (!row) return [];
  return alerts
    .filter((a) => zoneContains(zoneOf(db, a), row.lon, row.lat))
    .map((a) => ({ alertId: a.id, risk: riskScore(riskHouse(row), a) }));
}


/** Whether any of `alerts` (active ones around a house) holds the point in its zone: exact, as exposure counts it. */
export function anyZoneHolds(db: Db, alerts: readonly ZoneAlert[], lon: number, lat: number): boolean {
  return alerts.some((a) => zoneContains(zoneOf(db, a), lon, lat));
}
