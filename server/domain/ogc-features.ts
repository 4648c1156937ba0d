// What the OGC API's collections hand out (server/ogc/, SQL in server/db/ogc-*.ts): GeoJSON features
// with flat properties — a desktop GIS maps each property to one attribute column, so nested objects
// stay out — and the extent of a collection in CRS84.
import { bboxPolygon, booleanIntersects } from '@turf/turf';
import { bboxOf, zonePolygons } from './alert-geometry.ts';
import type { BBox, ZoneGeometry } from './alerts.ts';
import type { TimeFilter } from './ogc-datetime.ts';

export type Scalar = string | number | boolean | null;

export type OgcGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'MultiPoint'; coordinates: [number, number][] }
  | ZoneGeometry;

export interface OgcFeature {
  type: 'Feature';
  id: number | string;
  geometry: OgcGeometry | null;
  properties: Record<string, Scalar>;
}

export interface OgcPage {
  features: OgcFeature[];
  numberMatched: number;
}

/** A collection's spatial extent (CRS84) and, for the dated ones, its temporal extent (UTC ISO, null open). */
export interface OgcExtent {
  bbox: BBox | null;
  interval?: [string | null, string | null] | null;
}

/** One page of a collection: the items operation's selection and paging. */
export interface PageQuery {
  bbox?: BBox;
  datetime?: TimeFilter;
  limit: number;
  offset: number;
}

/** The box of a polygon zone (its outer rings). */
export const zoneBBox = (g: ZoneGeometry): BBox => bboxOf(zonePolygons(g));

const boxesMeet = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/**
 * Does a polygon zone intersect the query box (/req/core/fc-bbox-response: boundaries included)?
 * The boxes first, then the exact test, so a zone whose box merely overlaps is not selected.
 */
export function zoneMeetsBox(g: ZoneGeometry, box: BBox, zoneBox: BBox = zoneBBox(g)): boolean {
  if (!boxesMeet(zoneBox, box)) return false;
  // A box holding the zone's whole box holds the zone; no need for the exact test.
  if (box[0] <= zoneBox[0] && box[1] <= zoneBox[1] && box[2] >= zoneBox[2] && box[3] >= zoneBox[3]) return true;
  return booleanIntersects(g, bboxPolygon(box).geometry);
}

/** The union of boxes, or null for none. */
export function unionBBox(boxes: Iterable<BBox>): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b];
  return out;
}

/** The SQL bounds of a time filter: ISO strings, as alerts and tasks store their instants. */
export function isoBounds(f: TimeFilter): { start: string | null; end: string | null } {
  return { start: f.start === null ? null : new Date(f.start).toISOString(), end: f.end === null ? null : new Date(f.end).toISOString() };
}
