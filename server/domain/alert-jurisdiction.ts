// A warning inside its author's jurisdiction (issue 9): township staff warn only their own township.
// A zone that spills over the boundary is cut to it; a zone that lies mostly outside — less than
// MIN_INSIDE_SHARE of its area inside — is refused, because what would be left after cutting is not
// the warning its author meant. Areas are geodesic (turf area); the cut is turf intersect (polyclip-ts,
// robust arithmetic). Pure: the boundary is passed in.
import { area, booleanIntersects, feature, featureCollection, intersect } from '@turf/turf';
import { bboxOf, zonePolygons } from './alert-geometry.ts';
import type { ZoneGeometry } from './alerts.ts';

/** At least half the zone's area must lie inside the jurisdiction. */
export const MIN_INSIDE_SHARE = 0.5;

/** A zone with less than this share of its area outside is inside (shared edges, rounding): kept as drawn. */
const INSIDE_TOLERANCE = 1e-9;

export type ZoneClip =
  | { ok: true; geometry: ZoneGeometry; insideShare: number; clipped: boolean }
  | { ok: false; insideShare: number };

/** The part of `zone` inside `boundary`, or a refusal when less than `minShare` of it lies inside. */
export function clipZone(zone: ZoneGeometry, boundary: ZoneGeometry, minShare = MIN_INSIDE_SHARE): ZoneClip {
  const z = feature(zone);
  const inside = intersect(featureCollection([z, feature(boundary)]));
  const whole = area(z);
  const insideShare = inside && whole > 0 ? Math.min(1, area(inside) / whole) : 0;
  if (!inside || insideShare < minShare) return { ok: false, insideShare };
  if (insideShare >= 1 - INSIDE_TOLERANCE) return { ok: true, geometry: zone, insideShare: 1, clipped: false };
  return { ok: true, geometry: inside.geometry as ZoneGeometry, insideShare, clipped: true };
}

/** Less overlap than this (m²) is a shared edge, not a zone over the region. */
const TOUCH_ONLY_M2 = 1;

/**
 * Whether some of the zone lies in the region: a county warning whose zone misses a township is not
 * that township's business, though the township sees it. Zones that only share an edge with the region
 * (a neighbouring village) do not reach it. The bboxes and a cheap intersects test decide most pairs.
 */
export function zoneReaches(zone: ZoneGeometry, boundary: ZoneGeometry): boolean {
  const [zw, zs, ze, zn] = bboxOf(zonePolygons(zone));
  const [bw, bs, be, bn] = bboxOf(zonePolygons(boundary));
  if (zw > be || ze < bw || zs > bn || zn < bs) return false;
  if (!booleanIntersects(feature(zone), feature(boundary))) return false;
  const inside = intersect(featureCollection([feature(zone), feature(boundary)]));
  return inside !== null && area(inside) > TOUCH_ONLY_M2;
}
