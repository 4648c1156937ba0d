// What a lasso on the household map selects, and the key that makes sending it once-only. Pure: the
// map draws the polygon (map/draw.ts), this picks the houses, the dialog sends them.
import { booleanPointInPolygon } from '@turf/turf';
import type { HouseholdFeature } from '../../api/households.ts';
import { GRADE_KEYS, gradeKey, type GradeKey } from '../../../server/domain/housing.ts';

/** The most households one manual dispatch takes (server/routes/dispatch.ts, `householdIds` max). */
export const MAX_DISPATCH_HOUSEHOLDS = 5000;
/** The most houses a lasso over a map drawn from tiles asks for in its box (ten dispatches' worth). */
export const LASSO_BOX_LIMIT = 50_000;

/** The due times offered, in hours from now. */
export const DUE_HOURS = [2, 6, 12, 24] as const;
export type DueHours = (typeof DUE_HOURS)[number];

/** The drawn polygon's box [west, south, east, north]. */
export function zoneBBox(zone: GeoJSON.Polygon): [number, number, number, number] {
  const ring = zone.coordinates[0] ?? [];
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [lon, lat] of ring) {
    w = Math.min(w, lon!);
    e = Math.max(e, lon!);
    s = Math.min(s, lat!);
    n = Math.max(n, lat!);
  }
  return [w, s, e, n];
}

/** The houses loaded on the map that lie inside the drawn polygon (its edge counts as inside). */
export function housesWithin(features: readonly HouseholdFeature[], zone: GeoJSON.Polygon): HouseholdFeature[] {
  if ((zone.coordinates[0] ?? []).length < 4) return [];
  // A bbox test first: a county holds tens of thousands of houses, a lasso usually a few dozen.
  const [w, s, e, n] = zoneBBox(zone);
  return features.filter((f) => {
    const [lon, lat] = f.geometry.coordinates;
    return lon >= w && lon <= e && lat >= s && lat <= n && booleanPointInPolygon([lon, lat], zone);
  });
}

export interface SelectionSummary {
  total: number;
  byGrade: Record<GradeKey, number>;
  /** Distinct villages: the server makes one task (or more, for a long round) per village. */
  villages: number;
}

export function summarize(houses: readonly HouseholdFeature[]): SelectionSummary {
  const byGrade = Object.fromEntries(GRADE_KEYS.map((g) => [g, 0])) as Record<GradeKey, number>;
  const villages = new Set<string>();
  for (const h of houses) {
    byGrade[gradeKey(h.properties.grade)] += 1;
    villages.add(h.properties.regionCode);
  }
  return { total: houses.length, byGrade, villages: villages.size };
}

/**
 * A fresh idempotency key (the server takes 8–64 of [A-Za-z0-9_-]). crypto.randomUUID exists only in
 * a secure context; a county intranet served over plain http is not one, so fall back to random bytes.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
