// A warning inside its author's jurisdiction (issue 9): township staff warn only their own township.
// A zone that spills over the boundary is cut to it; a zone that lies mostly outside — less than
// MIN_INSIDE_SHARE of its area inside — is refused, because what would be left after cutting is not
// the warning its author meant. Areas are geodesic (turf area); the cut is turf intersect (polyclip-ts,
// robust arithmetic). Pure: the boundary is passed in.
import { area, feature, featureCollection, intersect } from '@turf/turf';
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
