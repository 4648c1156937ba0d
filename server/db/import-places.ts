// The county's townships, villages and groups as a list import needs them: names and codes to find a
// row's place, village centres to stand a house on when a name list gives no coordinates, and the
// boundaries a given point must lie in. Read once per check (a county has a few thousand regions).
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export interface PlaceRow {
  code: string;
  parentCode: string | null;
  level: 'county' | 'township' | 'village' | 'group';
  name: string;
  centerLon: number | null;
  centerLat: number | null;
  /** GeoJSON text of the boundary (county, townships, villages), null when none is known. */
  boundary: string | null;
}

export function loadPlaceRows(db: Db): PlaceRow[] {
  return prepared(
    db,
    `SELECT code, parent_code AS parentCode, level, name, center_lon AS centerLon, center_lat AS centerLat, boundary
       FROM regions ORDER BY code`,
  ).all() as PlaceRow[];
}
