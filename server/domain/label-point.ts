// Where a region's label and centre go: a point inside it. The seed's rule (data/geography.ts
// labelPoint), here in lon/lat for imported boundaries: the area-weighted centroid of the largest
// polygon's shell when it falls inside that polygon (holes count), else turf's point on the surface —
// a crescent-shaped village's centroid lies outside it, and a label or a house placed at the centre of
// a village must be in the village.
import { pointOnFeature, polygon } from '@turf/turf';
import type { Position, ZoneGeometry } from './alerts.ts';
import { zonePolygons } from './alert-geometry.ts';
import { compileZone, zoneContains } from './exposure.ts';

export function labelPoint(geometry: ZoneGeometry): [number, number] {
  const largest = zonePolygons(geometry)
    .map((rings) => ({ rings, area: Math.abs(twiceArea(rings[0]!)) }))
    .sort((a, b) => b.area - a.area)[0]!.rings;
  const shell = largest[0]!;
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  for (let i = 1; i < shell.length; i++) {
    const [x0, y0] = shell[i - 1]!;
    const [x1, y1] = shell[i]!;
    const c = x0 * y1 - x1 * y0;
    a2 += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  const centroid: [number, number] = [round6(cx / (3 * a2)), round6(cy / (3 * a2))];
  if (zoneContains(compileZone({ type: 'Polygon', coordinates: largest }), centroid[0], centroid[1])) return centroid;
  const [x, y] = pointOnFeature(polygon(largest)).geometry.coordinates as [number, number];
  return [round6(x), round6(y)];
}

function twiceArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) a += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return a;
}

/** As the seed stores centres: six decimals, about 0.1 m. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
