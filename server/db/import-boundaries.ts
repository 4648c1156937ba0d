// SQL of the boundaries import (imports/boundaries.ts): the regions a file may replace, the houses a
// new boundary would leave outside, and the write itself.
import type { KnownRegion } from '../imports/region-match.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export interface BoundaryRegion extends KnownRegion {
  /** The stored GeoJSON text, or null. */
  boundary: string | null;
  centerLon: number | null;
  centerLat: number | null;
}

/** The townships and villages at or below `rootCode` (the county for county staff), in code order. */
export function boundaryRegions(db: Db, rootCode: string): BoundaryRegion[] {
  return prepared(
    db,
    `WITH RECURSIVE below(code) AS (
       SELECT code FROM regions WHERE code = @root
       UNION ALL SELECT r.code FROM regions r JOIN below ON r.parent_code = below.code)
     SELECT r.code, r.name, r.level, r.parent_code AS parentCode, r.boundary, r.center_lon AS centerLon, r.center_lat AS centerLat
       FROM regions r JOIN below USING (code)
      WHERE r.level IN ('township', 'village')
      ORDER BY r.code`,
  ).all({ root: rootCode }) as BoundaryRegion[];
}

/** The county the scope lies in: the root of the region tree. */
export function countyOf(db: Db, code: string): { code: string; boundary: string | null } | null {
  const row = prepared(
    db,
    `WITH RECURSIVE up(code, parent_code, level, boundary) AS (
       SELECT code, parent_code, level, boundary FROM regions WHERE code = ?
       UNION ALL SELECT r.code, r.parent_code, r.level, r.boundary FROM regions r JOIN up ON r.code = up.parent_code)
     SELECT code, boundary FROM up WHERE level = 'county'`,
  ).get(code) as { code: string; boundary: string | null } | undefined;
  return row ?? null;
}

/** Current houses of the village's (or township's) households, as coordinate arrays. */
export function housesOf(db: Db, region: { code: string; level: 'township' | 'village' }): { xs: Float64Array; ys: Float64Array } {
  const column = region.level === 'village' ? 'village_code' : 'township_code';
  const rows = prepared(
    db,
    `SELECT h.lon, h.lat FROM households hh JOIN houses h ON h.household_id = hh.id AND h.is_current = 1
      WHERE hh.${column} = ?`,
  ).raw(true).all(region.code) as [number, number][];
  const xs = new Float64Array(rows.length);
  const ys = new Float64Array(rows.length);
  rows.forEach(([x, y], i) => {
    xs[i] = x;
    ys[i] = y;
  });
  return { xs, ys };
}

export interface BoundaryWrite {
  code: string;
  /** GeoJSON text. */
  boundary: string;
  center: [number, number];
}

/** Replaces a region's boundary and centre; false when both were already so (a re-import). */
export function writeBoundary(db: Db, w: BoundaryWrite): boolean {
  const r = prepared(
    db,
    `UPDATE regions SET boundary = @boundary, center_lon = @lon, center_lat = @lat
      WHERE code = @code AND (boundary IS NOT @boundary OR center_lon IS NOT @lon OR center_lat IS NOT @lat)`,
  ).run({ code: w.code, boundary: w.boundary, lon: w.center[0], lat: w.center[1] });
  return r.changes > 0;
}
