// Exposure in the database: the household filter's bbox query on each alert's bbox (R*Tree prefilter,
// then the exact lon/lat), then the exact point-in-zone engine (domain/exposure.ts), then risk.
import type { AlertLevel, AlertType, BBox } from '../domain/alerts.ts';
import { compileZone, exposureJoin, zoneContains, type CompiledZone } from '../domain/exposure.ts';
import type { Grade, Structure } from '../domain/housing.ts';
import { rawNeededFor, riskCeiling, riskScore, type RiskHouse } from '../domain/risk.ts';
import { TopN } from '../domain/top-n.ts';
import type { Alert } from './alerts.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type RegionRef } from './household-filter.ts';
import { houseFields, type HouseFields } from './house-row.ts';
import { prepared } from './statements.ts';
import { villageFloors } from './village-floors.ts';
import { facetClassCounts } from './household-facets.ts';
import { classKey, HOUSE_CLASSES, ZONE_HOUSE_COLUMNS, zoneCounts, zoneHouseholdIds, zoneHouseRows, type ZoneHouseRow } from './zone-houses.ts';

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

function details(db: Db, householdIds: readonly number[]): ZoneHouseRow[] {
  if (householdIds.length === 0) return [];
  return prepared(
    db,
    `SELECT ${ZONE_HOUSE_COLUMNS}
       FROM json_each(@ids) p JOIN households h ON h.id = p.value
       JOIN houses o ON o.household_id = h.id AND o.is_current = 1
       JOIN regions v ON v.code = h.village_code`,
  ).all({ ids: JSON.stringify(householdIds) }) as ZoneHouseRow[];
}

/** The house as risk.ts scores it; `floors`: each village's lowest house (villageFloors). Built field by field: a zone scores 380,000 of these. */
function riskHouse(r: ZoneHouseRow, floors: Map<string, number>): RiskHouse {
  const floor = floors.get(r.village_code);
  return {
    grade: r.grade,
    structure: r.structure,
    key: r.key_house === 1,
    repairedC: r.repaired_c === 1,
    riverDistM: r.river_dist_m,
    reliefM: r.elevation_m === null || floor === undefined ? null : r.elevation_m - floor,
    elderly: r.elderly,
    disabled: r.disabled,
    children: r.children,
    members: r.members,
    livingAway: r.living_away === 1,
  };
}

interface Ranked {
  row: ZoneHouseRow;
  risk: number;
}
/** Riskiest first; equal risks by household id, so a page never depends on the order rows were read. */
const ranksBefore = (a: Ranked, b: Ranked) => a.risk > b.risk || (a.risk === b.risk && a.row.id < b.row.id);

/**
 * The households in one alert's zone and in scope, counted and ranked by risk under that alert. The
 * counts come from the houses_zone index alone (db/zone-houses.ts): no household read, nothing scored.
 * The ranking reads and scores classes of houses (grade × structure × key × repaired C) in the order
 * of the highest score each can reach (riskCeiling), into a heap of `limit` (domain/top-n.ts): first
 * the classes expected to fill it — the scope's class counts (household_facets) scaled to the zone —
 * then, once it is full, only the classes whose ceiling still reaches its worst score.
 */
export function exposureOf(
  db: Db,
  alert: ZoneAlert & { type: AlertType; level: AlertLevel },
  scope: RegionRef | undefined,
  limit: number,
): Exposure {
  const zone = zoneOf(db, alert);
  const counts = zoneCounts(db, zone, alert.bbox, scope);
  const top = new TopN<Ranked>(Math.min(limit, counts.total), ranksBefore);
  const floor = villageFloors(db);
  const score = (rows: ZoneHouseRow[]) => {
    for (const row of rows) top.offer({ row, risk: riskScore(riskHouse(row, floor), alert) });
  };
  if (top.n >= counts.total) {
    // Every house is asked for (a dispatch's selection, an export): households read in id order, page by page.
    if (counts.total > 0) score(details(db, zoneHouseholdIds(db, zone, alert.bbox, scope)));
  } else {
    const inScope = facetClassCounts(db, scope);
    const share = counts.total / Math.max(1, [...inScope.values()].reduce((a, b) => a + b, 0));
    const queue = HOUSE_CLASSES.map((c) => ({ key: classKey(c), expected: (inScope.get(classKey(c)) ?? 0) * share, ceiling: riskCeiling(c, alert) }))
      .filter((c) => c.expected > 0)
      .sort((a, b) => b.ceiling - a.ceiling);
    let next = 0;
    while (next < queue.length) {
      let batch: typeof queue;
      if (top.full) {
        // Only a class that can still beat the worst kept (or tie it and win on id) is read, and of it only
        // the houses whose own columns let them reach that score; then none is left.
        const worst = top.worst!.risk;
        batch = queue.slice(next).filter((c) => c.ceiling >= worst);
        next = queue.length;
        if (batch.length > 0) score(zoneHouseRows(db, zone, alert.bbox, scope, batch.map((c) => c.key), { alert, rawNeeded: rawNeededFor(worst, alert.level) }));
        continue;
      } else {
        // Enough classes to fill the heap twice over, as far as the scope's mix says.
        let expected = 0;
        const from = next;
        while (next < queue.length && (next === from || expected < 2 * (top.n - top.size))) expected += queue[next++]!.expected;
        batch = queue.slice(from, next);
      }
      if (batch.length > 0) score(zoneHouseRows(db, zone, alert.bbox, scope, batch.map((c) => c.key)));
    }
  }
  return {
    alertId: alert.id,
    ...counts,
    households: top.sorted().map(({ row: r, risk }) => ({
      id: r.id,
      householdNo: r.household_no,
      ...houseFields(r),
      risk,
      villageCode: r.village_code,
      villageName: r.village_name,
    })),
    truncated: counts.total > limit,
  };
}

/** One household's risk under each of the given alerts whose zone holds its house (boundary included). */
export function householdRisks(
  db: Db,
  householdId: number,
  alerts: readonly (ZoneAlert & { type: AlertType; level: AlertLevel })[],
): { alertId: number; risk: number }[] {
  const [row] = details(db, [householdId]);
  if (!row) return [];
  const house = riskHouse(row, villageFloors(db));
  return alerts.filter((a) => zoneContains(zoneOf(db, a), row.lon, row.lat)).map((a) => ({ alertId: a.id, risk: riskScore(house, a) }));
}


/** Whether any of `alerts` (active ones around a house) holds the point in its zone: exact, as exposure counts it. */
export function anyZoneHolds(db: Db, alerts: readonly ZoneAlert[], lon: number, lat: number): boolean {
  return alerts.some((a) => zoneContains(zoneOf(db, a), lon, lat));
}
