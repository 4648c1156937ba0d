// Villages tile the county with no gaps or overlaps: one Voronoi diagram of every village seed,
// each cell clipped to the county outline. Neighbouring cells share their vertices exactly (one
// diagram, one set of edges), so townships made as unions of villages follow village borders.
import { featureCollection, intersect, point, polygon, union, voronoi } from '@turf/turf';
import { pointInRing } from './planar.ts';
import type { XY } from './projection.ts';

/** Polygon coordinates: rings, the first one outer (counter-clockwise), the rest holes. */
export type Rings = XY[][];
/** A region's shape as a list of polygons (usually one). */
export type Parts = Rings[];

export function tileCounty(seeds: readonly XY[], outline: readonly XY[]): Parts[] {
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const pad = 5_000;
  const bbox: [number, number, number, number] = [
    Math.min(...xs) - pad,
    Math.min(...ys) - pad,
    Math.max(...xs) + pad,
    Math.max(...ys) + pad,
  ];
  const cells = voronoi(featureCollection(seeds.map((s) => point(s))), { bbox });
  const county = polygon([closeRing(outline)]);
  const parts: Parts[] = cells.features.map((cell) => {
    // Most cells lie wholly inside; only the border ones need the (slow, exact) polygon clipper.
    const ring = cell.geometry.coordinates[0] as XY[];
    if (insideConvex(ring, outline)) return [[ring]];
    const clipped = intersect(featureCollection([cell, county]));
    if (!clipped) return [];
    const g = clipped.geometry;
    return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Parts;
  });
  mergeDetachedPieces(parts);
  return parts;
}

/**
 * A convex cell lies inside the county when all its corners do and no county vertex lies in it: a
 * border crossing the cell with no vertex inside would be a straight chord, leaving a corner outside.
 */
function insideConvex(cell: readonly XY[], outline: readonly XY[]): boolean {
  if (!cell.every((p) => pointInRing(p[0], p[1], outline))) return false;
  const xs = cell.map((p) => p[0]);
  const ys = cell.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return !outline.some((p) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1 && pointInRing(p[0], p[1], cell));
}

/**
 * A concave stretch of the county border can cut a cell in two. Keeps each village's largest piece
 * and hands every other piece to the neighbour it shares the longest border with, so a village is one
 * polygon wherever the shape allows.
 */
function mergeDetachedPieces(parts: Parts[]): void {
  for (let i = 0; i < parts.length; i++) {
    const own = parts[i]!;
    if (own.length < 2) continue;
    own.sort((a, b) => ringsArea(b) - ringsArea(a));
    const [keep, ...pieces] = own;
    parts[i] = [keep!];
    for (const piece of pieces) {
      const j = bestNeighbour(piece, parts, i);
      if (j === null) {
        parts[i]!.push(piece); // nowhere to go: stays a MultiPolygon
        continue;
      }
      parts[j] = unionParts([...parts[j]!, piece]);
    }
  }
}

function bestNeighbour(piece: Rings, parts: readonly Parts[], self: number): number | null {
  const mine = new Set(piece[0]!.map(key));
  let best: number | null = null;
  let bestShared = 1; // an edge needs two shared vertices
  parts.forEach((other, j) => {
    if (j === self) return;
    let shared = 0;
    for (const rings of other) for (const p of rings[0]!) if (mine.has(key(p))) shared++;
    if (shared > bestShared) [best, bestShared] = [j, shared];
  });
  return best;
}

/** Union of polygons given as parts; returns parts (one entry when they join up). */
export function unionParts(parts: Parts): Parts {
  if (parts.length < 2) return parts;
  const merged = union(featureCollection(parts.map((rings) => polygon(rings))));
  if (!merged) return [];
  const g = merged.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Parts;
}

export function ringsArea(rings: Rings): number {
  // turf.area is geodesic on lon/lat; on local metres a shoelace is the right measure.
  let total = 0;
  rings.forEach((ring, k) => {
    let a = 0;
    for (let i = 1; i < ring.length; i++) a += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
    total += k === 0 ? Math.abs(a) / 2 : -Math.abs(a) / 2;
  });
  return total;
}

export function partsArea(parts: Parts): number {
  return parts.reduce((sum, rings) => sum + ringsArea(rings), 0);
}

export function closeRing(ring: readonly XY[]): XY[] {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  return first[0] === last[0] && first[1] === last[1] ? [...ring] : [...ring, first];
}

const key = (p: readonly number[]): string => `${p[0]},${p[1]}`;
