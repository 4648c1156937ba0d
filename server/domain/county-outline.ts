// The county's outline as the union of its townships' boundaries. The county boundary is read apart
// from the townships' (the basemap's county layer, the far-outside test of warnings and imports), so
// when imported township boundaries replace the generated ones the county follows them instead of
// keeping the old shape around new townships.
// Surveyed township layers never meet exactly: the union leaves sliver holes along shared borders and
// crumbs where neighbours overlap. Holes and parts smaller than SLIVER_SHARE of the outline are
// dropped; a real enclave (another county's land inside this one) is thousands of times larger. A gap
// that runs out to the county's edge splits the outline into parts meeting at a point: left so, since
// closing it would invent land no township holds.
import { featureCollection, polygon, union } from '@turf/turf';
import type { Position, ZoneGeometry } from './alerts.ts';
import { zonePolygons } from './alert-geometry.ts';
import { roundCoordinate } from './boundary-winding.ts';

export const SLIVER_SHARE = 1e-4;

export function countyOutline(townships: readonly ZoneGeometry[]): ZoneGeometry | null {
  const polys = townships.flatMap(zonePolygons);
  if (polys.length === 0) return null;
  const merged = polys.length === 1 ? [polys[0]!] : zonePolygons(unionOf(polys));
  const total = merged.reduce((s, p) => s + ringArea(p[0]!), 0);
  const min = total * SLIVER_SHARE;
  const kept = merged
    .filter((p) => ringArea(p[0]!) >= min)
    .map(([shell, ...holes]) => [shell!, ...holes.filter((h) => ringArea(h) >= min)].map(rounded));
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0]! } : { type: 'MultiPolygon', coordinates: kept };
}

function unionOf(polys: Position[][][]): ZoneGeometry {
  const u = union(featureCollection(polys.map((p) => polygon(p))));
  if (!u) throw new Error('the union of the townships is empty');
  return u.geometry as ZoneGeometry;
}

/** The union's arithmetic leaves digits no survey has: rounded as imported boundaries are. */
function rounded(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p: Position = [roundCoordinate(x), roundCoordinate(y)];
    const last = out.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Planar area in degrees², unsigned: only shares of one outline are compared. */
function ringArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) a += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return Math.abs(a) / 2;
}
