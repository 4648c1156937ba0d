// The OGC API's `regions` collection: the surveyed boundaries (county, townships, villages) of the
// caller's region and below it. Groups (组) have no boundary and are left out.
import type { ZoneGeometry } from '../domain/alerts.ts';
import { unionBBox, zoneBBox, zoneMeetsBox, type OgcExtent, type OgcFeature, type OgcPage, type PageQuery } from '../domain/ogc-features.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

interface Row {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  parent_name: string | null;
  boundary: string;
  center_lon: number | null;
  center_lat: number | null;
}

const SUBTREE = `WITH RECURSIVE down(code) AS (
    SELECT @scope UNION ALL SELECT r.code FROM regions r JOIN down ON r.parent_code = down.code)
  SELECT r.code, r.name, r.level, r.parent_code, p.name AS parent_name, r.boundary, r.center_lon, r.center_lat
    FROM down JOIN regions r ON r.code = down.code LEFT JOIN regions p ON p.code = r.parent_code
   WHERE r.boundary IS NOT NULL`;

const toFeature = (r: Row, geometry: ZoneGeometry): OgcFeature => ({
  type: 'Feature',
  id: r.code,
  geometry,
  properties: {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    parentName: r.parent_name,
    labelLon: r.center_lon,
    labelLat: r.center_lat,
  },
});

/** The bounded regions of `scope`, in code order (a county holds a few hundred: read whole, then cut). */
function regionsOf(db: Db, scope: RegionRef): { row: Row; geometry: ZoneGeometry }[] {
  const rows = prepared(db, `${SUBTREE} ORDER BY r.code`).all({ scope: scope.code }) as Row[];
  return rows.map((row) => ({ row, geometry: JSON.parse(row.boundary) as ZoneGeometry }));
}

/** One page of the regions of `scope` whose boundary meets the box; regions carry no time, so `datetime` selects all. */
export function regionPage(db: Db, scope: RegionRef, q: PageQuery): OgcPage {
  const box = q.bbox;
  const matched = box ? regionsOf(db, scope).filter((r) => zoneMeetsBox(r.geometry, box)) : regionsOf(db, scope);
  return { features: matched.slice(q.offset, q.offset + q.limit).map((r) => toFeature(r.row, r.geometry)), numberMatched: matched.length };
}

export function regionFeature(db: Db, scope: RegionRef, code: string): OgcFeature | null {
  const r = prepared(db, `${SUBTREE} AND r.code = @code`).get({ scope: scope.code, code }) as Row | undefined;
  return r ? toFeature(r, JSON.parse(r.boundary) as ZoneGeometry) : null;
}

export function regionExtent(db: Db, scope: RegionRef): OgcExtent {
  return { bbox: unionBBox(regionsOf(db, scope).map((r) => zoneBBox(r.geometry))) };
}
