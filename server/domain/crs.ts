// Coordinate reference systems county data comes in. Houses are stored in WGS84 (what MapLibre, GeoJSON
// and OGC API clients expect); the file's own system and numbers are kept beside them (houses.source_*).
//  - wgs84: GPS, 天地图 (Tianditu) and most surveying exports.
//  - cgcs2000: 国家2000, the national datum. Within the few decimetres that separate it from WGS84
//    (far below a house's footprint) it is taken as WGS84, as Tianditu does.
//  - gcj02: 火星坐标, the obfuscated system of AMap (高德) and Tencent maps, offset by 100–700 m.
//  - bd09: Baidu's system, GCJ-02 offset again.
// The conversions are gcoord's (a maintained library; its inverse of GCJ-02 iterates to well under 1 m).
import gcoord, { type CRSTypes } from 'gcoord';

export const CRS_NAMES = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type CrsName = (typeof CRS_NAMES)[number];

const GCOORD: Record<CrsName, CRSTypes> = {
  wgs84: gcoord.WGS84,
  cgcs2000: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
};

/** A point in `crs` → WGS84 [lon, lat]. */
export function toWgs84(lon: number, lat: number, crs: CrsName): [number, number] {
  if (crs === 'wgs84' || crs === 'cgcs2000') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], GCOORD[crs], gcoord.WGS84);
  return [x, y];
}

/** WGS84 → `crs`: for exports to tools that expect AMap or Baidu coordinates, and for round-trip tests. */
export function fromWgs84(lon: number, lat: number, crs: CrsName): [number, number] {
  if (crs === 'wgs84' || crs === 'cgcs2000') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, GCOORD[crs]);
  return [x, y];
}
