// Alert zone validation: is this (Multi)Polygon a zone we can test houses against?
//
// A zone is refused, naming the ring or position, when:
//  - a position is not two finite numbers, or lon/lat lie outside ±180/±90;
//  - a ring has fewer than 4 positions, is not closed (first ≠ last), or has no area;
//  - a ring crosses or touches itself (turf kinks);
//  - a hole is not inside its shell, crosses it, or overlaps another hole;
//  - the whole zone lies far outside the county (its bbox grown by a margin, 1° by default) — and when
//    the zone read the other way round would fall on the county, the hint says the axes are swapped
//    (GeoJSON is lon,lat; people often paste lat,lon).
// Consecutive duplicate positions are dropped; a third coordinate (altitude) is ignored.
import { booleanPointInPolygon, kinks, point, polygon } from '@turf/turf';
import { HttpError } from '../http/errors.ts';
import type { BBox, Position, ZoneGeometry } from './alerts.ts';

export interface GeometryIssue {
  code: string;
  message: string;
  field: string;
}

export interface ZoneCheckOptions {
  /** The request field holding the geometry (default `geometry`). */
  field?: string;
  /** Names a place in the geometry: [] the coordinates, [p] a polygon, [p, r] a ring, [p, r, i] a position. */
  fieldOf?: (path: number[]) => string;
  /** The county's bbox; without it the far-outside check is skipped. */
  countyBBox?: BBox | null;
  marginDeg?: number;
  /** What the author should have written, for the swapped-axes hint. */
  swapHint?: string;
  maxPositions?: number;
}

export type ZoneCheck = { ok: true; geometry: ZoneGeometry; bbox: BBox } | { ok: false; issue: GeometryIssue };

const DEFAULT_SWAP_HINT = 'coordinates look like lat,lon — expected lon,lat (GeoJSON order)';
export const MAX_ZONE_POSITIONS = 20_000;

class Refusal extends Error {
  constructor(readonly issue: GeometryIssue) {
    super(issue.message);
  }
}

/** Checks an untrusted geometry; never throws. */
export function checkZone(input: unknown, opts: ZoneCheckOptions = {}): ZoneCheck {
  try {
    return { ok: true, ...validZone(input, opts) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, issue: e.issue };
    throw e;
  }
}

/** The same check for a handler: a refusal becomes HttpError 400 naming the field. */
export function assertZone(input: unknown, opts: ZoneCheckOptions = {}): { geometry: ZoneGeometry; bbox: BBox } {
  const r = checkZone(input, opts);
  if (!r.ok) throw new HttpError(400, r.issue.code, r.issue.message, r.issue.field);
  return r;
}

function validZone(input: unknown, opts: ZoneCheckOptions): { geometry: ZoneGeometry; bbox: BBox } {
  const base = opts.field ?? 'geometry';
  const fieldOf = opts.fieldOf ?? ((path: number[]) => `${base}.coordinates${path.map((i) => `[${i}]`).join('')}`);
  const refuse = (code: string, message: string, path: number[] | null): never => {
    throw new Refusal({ code, message, field: path === null ? base : fieldOf(path) });
  };
  const ctx: Ctx = { opts, fieldOf, refuse, positions: 0 };

  if (typeof input !== 'object' || input === null) refuse('invalid_geometry', 'expected a GeoJSON Polygon or MultiPolygon', null);
  const g = input as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    throw new Refusal({ code: 'invalid_geometry_type', message: `expected Polygon or MultiPolygon, got ${String(g.type)}`, field: `${base}.type` });
  }
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) refuse('invalid_geometry', 'coordinates must be a non-empty array', []);
  const coords = g.coordinates as unknown[];

  const polys: Position[][][] =
    g.type === 'Polygon'
      ? [checkPolygon(coords, [], ctx)]
      : coords.map((p, i) => {
          if (!Array.isArray(p) || p.length === 0) refuse('invalid_geometry', 'each polygon must be a non-empty array of rings', [i]);
          return checkPolygon(p as unknown[], [i], ctx);
        });

  const bbox = bboxOf(polys);
  const county = opts.countyBBox;
  if (county) {
    const m = opts.marginDeg ?? 1;
    const near = (b: BBox) => b[0] <= county[2] + m && b[2] >= county[0] - m && b[1] <= county[3] + m && b[3] >= county[1] - m;
    if (!near(bbox)) {
      const swapped: BBox = [bbox[1], bbox[0], bbox[3], bbox[2]];
      if (near(swapped)) refuse('swapped_axes', opts.swapHint ?? DEFAULT_SWAP_HINT, []);
      refuse(
        'outside_county',
        `the zone (${bbox.map((v) => v.toFixed(3)).join(',')}) lies more than ${m}° outside the county (${county.map((v) => v.toFixed(3)).join(',')})`,
        [],
      );
    }
  }
  const geometry: ZoneGeometry = g.type === 'Polygon' ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
  return { geometry, bbox };
}

interface Ctx {
  opts: ZoneCheckOptions;
  fieldOf: (path: number[]) => string;
  refuse: (code: string, message: string, path: number[] | null) => never;
  positions: number;
}

function checkPolygon(rings: unknown[], at: number[], ctx: Ctx): Position[][] {
  if (rings.length === 0) ctx.refuse('invalid_geometry', 'a polygon needs a shell ring', at);
  const clean = rings.map((r, i) => checkRing(r, [...at, i], ctx));
  const [shell, ...holes] = clean;
  const shellPoly = polygon([shell!]);
  holes.forEach((hole, h) => {
    const path = [...at, h + 1];
    const outside = hole.findIndex((p) => !booleanPointInPolygon(point(p), shellPoly));
    if (outside >= 0) ctx.refuse('hole_outside_shell', `hole position ${outside} (${fmt(hole[outside]!)}) lies outside the shell`, path);
    const cross = kinks(polygon([shell!, hole])).features[0];
    if (cross) ctx.refuse('hole_crosses_shell', `the hole meets the shell at ${fmt(cross.geometry.coordinates as Position)}`, path);
    for (let o = 0; o < h; o++) {
      const other = holes[o]!;
      const meet = kinks(polygon([other, hole])).features[0];
      const inside = booleanPointInPolygon(point(hole[0]!), polygon([other])) || booleanPointInPolygon(point(other[0]!), polygon([hole]));
      if (meet || inside) ctx.refuse('holes_overlap', `holes ${o + 1} and ${h + 1} overlap`, path);
    }
  });
  return clean;
}

function checkRing(ring: unknown, path: number[], ctx: Ctx): Position[] {
  const { refuse, opts } = ctx;
  if (!Array.isArray(ring)) refuse('invalid_geometry', 'a ring must be an array of positions', path);
  const raw = ring as unknown[];
  ctx.positions += raw.length;
  const max = opts.maxPositions ?? MAX_ZONE_POSITIONS;
  if (ctx.positions > max) refuse('too_many_positions', `a zone may have at most ${max} positions`, path);

  const positions: Position[] = raw.map((p, i) => {
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      refuse('invalid_position', `position ${i} must be [lon, lat] numbers`, [...path, i]);
    }
    const [lon, lat] = p as [number, number];
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      const county = opts.countyBBox;
      const m = opts.marginDeg ?? 1;
      const swappedFits = county
        ? lat >= county[0] - m && lat <= county[2] + m && lon >= county[1] - m && lon <= county[3] + m
        : Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
      if (swappedFits) refuse('swapped_axes', `${opts.swapHint ?? DEFAULT_SWAP_HINT}: position ${i} is ${fmt([lon, lat])}`, [...path, i]);
      refuse('out_of_range', `position ${i} (${fmt([lon, lat])}) is outside lon −180..180, lat −90..90`, [...path, i]);
    }
    return [lon, lat];
  });
  if (positions.length < 4) refuse('too_few_positions', `a ring needs at least 4 positions (first = last), got ${positions.length}`, path);
  const first = positions[0]!;
  const last = positions.at(-1)!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    refuse('unclosed_ring', `the ring is not closed: it starts at ${fmt(first)} and ends at ${fmt(last)}`, path);
  }
  const clean = positions.filter((p, i) => i === 0 || p[0] !== positions[i - 1]![0] || p[1] !== positions[i - 1]![1]);
  if (clean.length < 4) refuse('degenerate_ring', 'the ring encloses no area', path);
  const kink = kinks(polygon([clean])).features[0];
  if (kink) refuse('self_intersection', `the ring crosses itself at ${fmt(kink.geometry.coordinates as Position)}`, path);
  if (Math.abs(ringArea(clean)) < 1e-14) refuse('degenerate_ring', 'the ring encloses no area', path);
  return clean;
}

/** Twice the signed planar area in degrees² (shoelace); only its size matters here. */
function ringArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a;
}

export function bboxOf(polys: readonly (readonly (readonly Position[])[])[]): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polys) {
    for (const [lon, lat] of poly[0] ?? []) {
      if (lon < b[0]) b[0] = lon;
      if (lat < b[1]) b[1] = lat;
      if (lon > b[2]) b[2] = lon;
      if (lat > b[3]) b[3] = lat;
    }
  }
  return b;
}

/** The polygons of a zone, whatever its type. */
export function zonePolygons(g: ZoneGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function fmt(p: Position): string {
  return `[${p[0]}, ${p[1]}]`;
}
