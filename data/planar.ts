// Plain planar geometry on coordinate arrays, for the hot loops where a turf call per point would
// dominate (a million households) and for clipping lines roughly to the county.
import type { XY } from './projection.ts';

/** Ray casting (even–odd), the same rule turf's booleanPointInPolygon applies to interior points. */
export function pointInRing(x: number, y: number, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(x: number, y: number, rings: readonly (readonly (readonly number[])[])[]): boolean {
  if (!rings[0] || !pointInRing(x, y, rings[0])) return false;
  for (let i = 1; i < rings.length; i++) if (pointInRing(x, y, rings[i]!)) return false;
  return true;
}

/** Distance from a point to the nearest edge of a ring. */
export function distanceToRing(x: number, y: number, ring: readonly (readonly number[])[]): number {
  let best = Infinity;
  for (let i = 1; i < ring.length; i++) {
    const x0 = ring[i - 1]![0]!;
    const y0 = ring[i - 1]![1]!;
    const dx = ring[i]![0]! - x0;
    const dy = ring[i]![1]! - y0;
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : ((x - x0) * dx + (y - y0) * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = x - (x0 + t * dx);
    const ey = y - (y0 + t * dy);
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

/**
 * The runs of a polyline inside a ring, each ended at the boundary (found by bisection, close enough
 * for a basemap line). Runs shorter than two points are dropped.
 */
export function clipLineToRing(line: readonly XY[], ring: readonly XY[]): XY[][] {
  const runs: XY[][] = [];
  let run: XY[] | null = null;
  for (let i = 0; i < line.length; i++) {
    const p = line[i]!;
    const inside = pointInRing(p[0], p[1], ring);
    if (inside && !run) {
      run = i > 0 ? [boundaryPoint(line[i - 1]!, p, ring), p] : [p];
    } else if (inside && run) {
      run.push(p);
    } else if (!inside && run) {
      run.push(boundaryPoint(p, line[i - 1]!, ring));
      if (run.length >= 2) runs.push(run);
      run = null;
    }
  }
  if (run && run.length >= 2) runs.push(run);
  return runs;
}

/** Bisects the segment from an outside point `out` to an inside point `inn` down to ~1 m. */
function boundaryPoint(out: XY, inn: XY, ring: readonly XY[]): XY {
  let a = out;
  let b = inn;
  for (let k = 0; k < 20; k++) {
    const m: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    if (pointInRing(m[0], m[1], ring)) b = m;
    else a = m;
  }
  return b;
}

/** Do segments p1–p2 and q1–q2 cross (proper intersection)? */
export function segmentsCross(p1: XY, p2: XY, q1: XY, q2: XY): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function cross(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

export function lineLength(line: readonly XY[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1]);
  return total;
}
