// What the household vector tiles read (server/tiles/): the houses of one tile, how many houses stand
// in a box at all, the houses of a filter counted per grid cell, and the version stamp their cache keys on.
import { FRAGILE_STRUCTURES } from '../domain/housing.ts';
import type { TallyRow } from '../domain/view-counts.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, regionClause, type BBox, type HouseholdFilter, type RegionRef } from './household-filter.ts';
import { HOUSE_OVERDUE_SQL } from './ledger-facts.ts';
import { prepared } from './statements.ts';

/**
 * The household map's data version (migration 020): it moves with every write that can change a
 * tile or an in-view count, and with nothing else.
 */
export function householdMapVersion(db: Db): number {
  return (prepared(db, 'SELECT version FROM household_map_version WHERE id = 1').get() as { version: number }).version;
}

/** 1 for a fragile structure (土木, 土坯, 窑洞, 砖木, 砖土混杂): codes of our own vocabulary, spliced as literals. */
export const FRAGILE_SQL = `(o.structure IN (${FRAGILE_STRUCTURES.map((s) => `'${s}'`).join(', ')}))`;

/** A house as a house-level tile draws it; `id` is its household's (what the drawer opens). */
export interface TileHouseRow {
  id: number;
  lon: number;
  lat: number;
  grade: string | null;
  structure: string;
  status: string;
  key: number;
  repaired: number;
  overdue: number;
  moveOut: number;
}

/**
 * The current houses of the matching households within `bbox`, at most `limit` (a tile asks one more
 * than it will draw, to learn that it would be too many). The R*Tree leads (household-filter.ts).
 */
export function tileHouseRows(db: Db, filter: HouseholdFilter, bbox: BBox, today: string, limit: number): TileHouseRow[] {
  const { from, where, params } = householdFilterSql({ ...filter, bbox }, { housesOnly: true });
  return prepared(
    db,
    `SELECT o.household_id AS id, o.lon, o.lat, o.grade, o.structure, o.status, o.key_house AS key, o.repaired_c AS repaired,
            ${HOUSE_OVERDUE_SQL} AS overdue, o.move_out_required AS moveOut
       FROM ${from} ${where} LIMIT @limit`,
  ).all({ ...params, today, limit }) as TileHouseRow[];
}

/** How many houses stand in `bbox` whatever the filters: an upper bound from the R*Tree alone, no row read. */
export function housesInBox(db: Db, [minLon, minLat, maxLon, maxLat]: BBox): number {
  return (
    prepared(
      db,
      'SELECT count(*) AS n FROM house_rtree WHERE max_lon >= @minLon AND min_lon <= @maxLon AND max_lat >= @minLat AND min_lat <= @maxLat',
    ).get({ minLon, minLat, maxLon, maxLat }) as { n: number }
  ).n;
}

/** The grid cell of a house, `k` cells per degree: the same SQL arithmetic wherever a cell is asked about. */
export const CELL_X_SQL = 'CAST((o.lon + 180) * @k AS INTEGER)';
export const CELL_Y_SQL = 'CAST((o.lat + 90) * @k AS INTEGER)';

/** The grouped counts of one query (view-counts.ts), plus their cell and the sums that place its centroid. */
export interface CellTallyRow extends TallyRow {
  cx: number;
  cy: number;
  sumLon: number;
  sumLat: number;
}

/** What every grouped count sums, per grade × ledger state × fragility. */
export const TALLY_COLUMNS = `o.grade, o.status, ${FRAGILE_SQL} AS fragile, count(*) AS n, sum(o.key_house) AS key,
  sum(o.repaired_c) AS repaired, sum(${HOUSE_OVERDUE_SQL}) AS overdue, sum(o.move_out_required) AS moveOut`;

/**
 * Every matching house counted per grid cell of 1/k degree: one pass over the filter's houses (no
 * bbox), grouped in SQL. The tiles' aggregates and the in-view counts of a large box read these cells.
 */
export function* cellTallyRows(db: Db, filter: HouseholdFilter, today: string, k: number): Generator<CellTallyRow> {
  const { from, where, params } = householdFilterSql(filter, { housesOnly: true });
  const rows = prepared(
    db,
    `SELECT ${CELL_X_SQL} AS cx, ${CELL_Y_SQL} AS cy, ${TALLY_COLUMNS}, 0 AS patrolled, sum(o.lon) AS sumLon, sum(o.lat) AS sumLat
       FROM ${from} ${where} GROUP BY cx, cy, o.grade, o.status, fragile`,
  ).iterate({ ...params, today, k }) as IterableIterator<CellTallyRow>;
  yield* rows;
}

/**
 * The same counts for some cells only: each cell read through the R*Tree by its own box (a hair wider,
 * so that no house the cell arithmetic puts in it is missed), and only the rows of that very cell kept.
 * What a kept grid re-counts after writes (tiles/grid-cache.ts).
 */
export function* cellTallyRowsIn(db: Db, filter: HouseholdFilter, today: string, k: number, cells: Iterable<readonly [number, number]>): Generator<CellTallyRow> {
  const EDGE = 1e-9;
  for (const [cx, cy] of cells) {
    const bbox: BBox = [cx / k - 180 - EDGE, cy / k - 90 - EDGE, (cx + 1) / k - 180 + EDGE, (cy + 1) / k - 90 + EDGE];
    for (const row of cellTallyRows(db, { ...filter, bbox }, today, k)) if (row.cx === cx && row.cy === cy) yield row;
  }
}

/** The newest change noted in the map's change log (migration 021), 0 when none is. */
export function lastMapChange(db: Db): number {
  return (prepared(db, 'SELECT coalesce(max(id), 0) AS id FROM household_map_changes').get() as { id: number }).id;
}

/**
 * The places the map changed after change `after` up to `upTo`, or null when the log no longer reaches
 * back that far (it keeps the last 65,536) or holds more than `most` of them.
 */
export function mapChangesBetween(db: Db, after: number, upTo: number, most: number): { lon: number; lat: number }[] | null {
  if (upTo <= after) return [];
  const oldest = (prepared(db, 'SELECT min(id) AS id FROM household_map_changes').get() as { id: number | null }).id;
  if (oldest === null || oldest > after + 1 || upTo - after > most) return null;
  return prepared(db, 'SELECT lon, lat FROM household_map_changes WHERE id > @after AND id <= @upTo').all({ after, upTo }) as { lon: number; lat: number }[];
}

/**
 * Households in a region and the caller's jurisdiction, whatever the other filters: whether the map
 * draws them from tiles. Counted on the households' region indexes alone (a household has one current house).
 */
export function householdsInRegion(db: Db, refs: readonly (RegionRef | undefined)[]): number {
  const params: Record<string, unknown> = {};
  const clauses = refs.flatMap((ref, i) => (ref ? [regionClause(ref, `r${i}`, params)] : [])).filter((c): c is string => c !== null);
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  return (prepared(db, `SELECT count(*) AS n FROM households h ${where}`).get(params) as { n: number }).n;
}
