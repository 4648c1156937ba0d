// Exposure: which houses lie in which alert zones.
//
// Semantics are turf's booleanPointInPolygon (point-in-polygon-hao): a point on any edge or vertex —
// of a shell or of a hole — is inside; otherwise the even-odd rule over all rings of a polygon decides,
// so holes cut out; a MultiPolygon holds a point when any of its polygons does. Orientation is the
// exact robust orient2d on the same differences pip-hao computes, so the answers are identical, bit for bit.
//
// Speed comes from two typed-array indexes, both exact (they only skip work that cannot change the answer):
//  - each polygon's edges are bucketed into horizontal bands; a point only meets edges whose y-range
//    holds its y (the others neither cross its ray nor touch it), so it tests a handful of edges, not all;
//  - for a bulk join, points are counting-sorted into a uniform grid; each zone visits only the cells
//    under its bbox, and a cell no edge touches is decided by one exact test for all its points.
import { orient2d } from 'robust-predicates';
import type { BBox, Position, ZoneGeometry } from './alerts.ts';
import { zonePolygons } from './alert-geometry.ts';

/** One polygon (shell + holes) compiled for repeated point tests. */
export interface CompiledPolygon {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Edges as x1,y1,x2,y2 in ring order. */
  edges: Float64Array;
  bands: number;
  invBandHeight: number;
  /** Edge indexes per band: band b holds bandEdges[bandStart[b] .. bandStart[b+1]). */
  bandStart: Int32Array;
  bandEdges: Int32Array;
}

export interface CompiledZone {
  bbox: BBox;
  polygons: CompiledPolygon[];
}

export function compileZone(geometry: ZoneGeometry): CompiledZone {
  const polygons = zonePolygons(geometry).map(compilePolygon);
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons) {
    bbox[0] = Math.min(bbox[0], p.minX);
    bbox[1] = Math.min(bbox[1], p.minY);
    bbox[2] = Math.max(bbox[2], p.maxX);
    bbox[3] = Math.max(bbox[3], p.maxY);
  }
  return { bbox, polygons };
}

function compilePolygon(rings: readonly (readonly Position[])[]): CompiledPolygon {
  let n = 0;
  for (const r of rings) n += Math.max(0, r.length - 1);
  const edges = new Float64Array(n * 4);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let e = 0;
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i++, e += 4) {
      const [x1, y1] = r[i]!;
      const [x2, y2] = r[i + 1]!;
      edges[e] = x1;
      edges[e + 1] = y1;
      edges[e + 2] = x2;
      edges[e + 3] = y2;
      if (x1 < minX) minX = x1;
      if (x1 > maxX) maxX = x1;
      if (y1 < minY) minY = y1;
      if (y1 > maxY) maxY = y1;
    }
  }
  // About four edges per band; a polygon's bbox height of 0 cannot happen for a valid ring.
  const bands = Math.max(1, Math.min(4096, Math.ceil(n / 2)));
  const height = maxY - minY;
  const invBandHeight = height > 0 ? bands / height : 0;
  const bandOf = (y: number) => {
    const b = Math.floor((y - minY) * invBandHeight);
    return b < 0 ? 0 : b >= bands ? bands - 1 : b;
  };
  // Band membership by the same monotone bandOf a query uses, so an edge whose y-range holds a
  // point's y is always in that point's band.
  const counts = new Int32Array(bands + 1);
  for (let i = 0; i < n; i++) {
    const y1 = edges[i * 4 + 1]!;
    const y2 = edges[i * 4 + 3]!;
    const lo = bandOf(Math.min(y1, y2));
    const hi = bandOf(Math.max(y1, y2));
    for (let b = lo; b <= hi; b++) counts[b + 1]!++;
  }
  for (let b = 0; b < bands; b++) counts[b + 1]! += counts[b]!;
  const bandStart = counts.slice();
  const bandEdges = new Int32Array(bandStart[bands]!);
  const fill = counts.slice(0, bands);
  for (let i = 0; i < n; i++) {
    const y1 = edges[i * 4 + 1]!;
    const y2 = edges[i * 4 + 3]!;
    const lo = bandOf(Math.min(y1, y2));
    const hi = bandOf(Math.max(y1, y2));
    for (let b = lo; b <= hi; b++) bandEdges[fill[b]!++] = i;
  }
  return { minX, minY, maxX, maxY, edges, bands, invBandHeight, bandStart, bandEdges };
}

// robust-predicates' ccwerrboundA: (3 + 16ε)ε, ε = 2⁻⁵³.
const EPSILON = 1.1102230246251565e-16;
const CCW_ERRBOUND_A = (3 + 16 * EPSILON) * EPSILON;

/** pip-hao's test restricted to the edges of the point's band: 1 inside, 0 on the boundary, -1 outside. */
function polygonLocate(p: CompiledPolygon, x: number, y: number): -1 | 0 | 1 {
  let b = Math.floor((y - p.minY) * p.invBandHeight);
  if (b < 0) b = 0;
  else if (b >= p.bands) b = p.bands - 1;
  const edges = p.edges;
  const list = p.bandEdges;
  let k = 0;
  for (let j = p.bandStart[b]!, end = p.bandStart[b + 1]!; j < end; j++) {
    const e = list[j]! * 4;
    const v1 = edges[e + 1]! - y;
    const v2 = edges[e + 3]! - y;
    if ((v1 > 0 && v2 > 0) || (v1 < 0 && v2 < 0)) continue;
    const u1 = edges[e]! - x;
    const u2 = edges[e + 2]! - x;
    if (v1 === 0 && v2 === 0) {
      if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return 0;
      continue;
    }
    // orient2d(u1, u2, v1, v2, 0, 0) as pip-hao calls it, with its first, filtered stage inlined:
    // the same value when the float result is certain, the exact adaptive one otherwise.
    const detLeft = u2 * v1;
    const detRight = u1 * v2;
    let f = detLeft - detRight;
    if (Math.abs(f) < CCW_ERRBOUND_A * Math.abs(detLeft + detRight)) f = orient2d(u1, u2, v1, v2, 0, 0);
    if (f === 0) return 0;
    if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) k++;
  }
  return (k & 1) === 1 ? 1 : -1;
}

/** Is (x, y) in the zone, its boundary included? */
export function zoneContains(zone: CompiledZone, x: number, y: number): boolean {
  for (const p of zone.polygons) {
    if (x < p.minX || x > p.maxX || y < p.minY || y > p.maxY) continue;
    if (polygonLocate(p, x, y) >= 0) return true;
  }
  return false;
}

/** The indexes of the points (xs[i], ys[i]) inside the zone, ascending. */
export function pointsInZone(zone: CompiledZone, xs: Float64Array, ys: Float64Array): Int32Array {
  const out = new Int32Array(xs.length);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (zoneContains(zone, xs[i]!, ys[i]!)) out[n++] = i;
  return out.slice(0, n);
}

/** Points counting-sorted into a uniform grid over their bbox. */
export interface PointGrid {
  size: number;
  minX: number;
  minY: number;
  cols: number;
  rows: number;
  invCellW: number;
  invCellH: number;
  /** Points of cell c are sorted slots cellStart[c] .. cellStart[c+1]). */
  cellStart: Int32Array;
  xs: Float64Array;
  ys: Float64Array;
  /** The caller's index of each sorted slot. */
  index: Int32Array;
}

export function buildPointGrid(xs: Float64Array, ys: Float64Array, pointsPerCell = 16): PointGrid {
  const size = xs.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < size; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (size === 0) minX = minY = maxX = maxY = 0;
  const side = Math.max(1, Math.min(2048, Math.round(Math.sqrt(size / pointsPerCell))));
  const w = maxX - minX;
  const h = maxY - minY;
  const cols = w > 0 ? side : 1;
  const rows = h > 0 ? side : 1;
  const invCellW = w > 0 ? cols / w : 0;
  const invCellH = h > 0 ? rows / h : 0;
  const cellOf = new Int32Array(size);
  const cellStart = new Int32Array(cols * rows + 1);
  for (let i = 0; i < size; i++) {
    const cx = Math.min(cols - 1, Math.floor((xs[i]! - minX) * invCellW));
    const cy = Math.min(rows - 1, Math.floor((ys[i]! - minY) * invCellH));
    const c = cy * cols + cx;
    cellOf[i] = c;
    cellStart[c + 1]!++;
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, cols * rows);
  const sx = new Float64Array(size);
  const sy = new Float64Array(size);
  const index = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const slot = fill[cellOf[i]!]!++;
    sx[slot] = xs[i]!;
    sy[slot] = ys[i]!;
    index[slot] = i;
  }
  return { size, minX, minY, cols, rows, invCellW, invCellH, cellStart, xs: sx, ys: sy, index };
}

/**
 * Grid cells that some zone edge may touch. A cell no edge touches lies wholly inside or wholly outside
 * the zone, so one exact test of any of its points decides all of them; only the marked cells are
 * tested point by point. Conservative by construction: cells are grown by MARGIN (far above the
 * rounding of the cell arithmetic) and a cell is left unmarked only when all four grown corners lie
 * strictly on one side of the edge's line.
 */
const MARGIN = 1e-9;
function markEdgeCells(grid: PointGrid, zone: CompiledZone, mark: Uint8Array): void {
  const { minX, minY, invCellW, invCellH, cols, rows } = grid;
  const cw = invCellW > 0 ? 1 / invCellW : Infinity;
  const ch = invCellH > 0 ? 1 / invCellH : Infinity;
  const col = (x: number) => Math.max(0, Math.min(cols - 1, Math.floor((x - minX) * invCellW)));
  const row = (y: number) => Math.max(0, Math.min(rows - 1, Math.floor((y - minY) * invCellH)));
  for (const p of zone.polygons) {
    const e = p.edges;
    for (let i = 0; i < e.length; i += 4) {
      const x1 = e[i]!;
      const y1 = e[i + 1]!;
      const x2 = e[i + 2]!;
      const y2 = e[i + 3]!;
      const c0 = col(Math.min(x1, x2) - MARGIN);
      const c1 = col(Math.max(x1, x2) + MARGIN);
      const r0 = row(Math.min(y1, y2) - MARGIN);
      const r1 = row(Math.max(y1, y2) + MARGIN);
      const thin = c0 === c1 || r0 === r1 || !Number.isFinite(cw) || !Number.isFinite(ch);
      const dx = x2 - x1;
      const dy = y2 - y1;
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          if (!thin) {
            const ax = minX + c * cw - MARGIN - x1;
            const bx = minX + (c + 1) * cw + MARGIN - x1;
            const ay = minY + r * ch - MARGIN - y1;
            const by = minY + (r + 1) * ch + MARGIN - y1;
            const s1 = dx * ay - dy * ax;
            const s2 = dx * ay - dy * bx;
            const s3 = dx * by - dy * ax;
            const s4 = dx * by - dy * bx;
            if ((s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) || (s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0)) continue;
          }
          mark[r * cols + c] = 1;
        }
      }
    }
  }
}

/** The caller's indexes of the grid points inside the zone (boundary included), in grid order. */
export function gridPointsInZone(grid: PointGrid, zone: CompiledZone): Int32Array {
  const [bx0, by0, bx1, by1] = zone.bbox;
  if (grid.size === 0 || bx1 < grid.minX || by1 < grid.minY) return new Int32Array(0);
  const { xs, ys, index, cellStart, cols, rows, minX, minY, invCellW, invCellH } = grid;
  const c0 = Math.max(0, Math.min(cols - 1, Math.floor((bx0 - minX) * invCellW)));
  const c1 = Math.max(0, Math.min(cols - 1, Math.floor((bx1 - minX) * invCellW)));
  const r0 = Math.max(0, Math.min(rows - 1, Math.floor((by0 - minY) * invCellH)));
  const r1 = Math.max(0, Math.min(rows - 1, Math.floor((by1 - minY) * invCellH)));
  const mark = new Uint8Array(cols * rows);
  markEdgeCells(grid, zone, mark);
  // At most every point under the bbox: one allocation, no growth on the hot path.
  let bound = 0;
  for (let r = r0; r <= r1; r++) bound += cellStart[r * cols + c1 + 1]! - cellStart[r * cols + c0]!;
  const out = new Int32Array(bound);
  let n = 0;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * cols + c;
      const from = cellStart[cell]!;
      const to = cellStart[cell + 1]!;
      if (from === to) continue;
      if (mark[cell] === 0) {
        // No boundary in this cell: its points are all in or all out.
        if (zoneContains(zone, xs[from]!, ys[from]!)) {
          out.set(index.subarray(from, to), n);
          n += to - from;
        }
        continue;
      }
      for (let s = from; s < to; s++) {
        const x = xs[s]!;
        const y = ys[s]!;
        if (x < bx0 || x > bx1 || y < by0 || y > by1) continue;
        if (zoneContains(zone, x, y)) out[n++] = index[s]!;
      }
    }
  }
  return out.slice(0, n);
}

/** The join of many points against many zones: for each zone, the indexes of the points inside it. */
export function exposureJoin(xs: Float64Array, ys: Float64Array, zones: readonly CompiledZone[]): Int32Array[] {
  const grid = buildPointGrid(xs, ys);
  return zones.map((z) => gridPointsInZone(grid, z));
}

/** A grid over a zone's bbox saying, per cell, whether its points are all outside (0), all inside (1), or must each be tested (2). */
export interface ZoneCells {
  minX: number;
  minY: number;
  cols: number;
  rows: number;
  invCellW: number;
  invCellH: number;
  /** Row-major: cell (c, r) is cells[r * cols + c]. */
  cells: Uint8Array;
}

/**
 * The zone's cells, for a caller that maps points to cells itself — SQL, with the same arithmetic as
 * buildPointGrid: min(cols − 1, floor((x − minX) · invCellW)). A cell no edge may touch (markEdgeCells,
 * grown by MARGIN) is uniform, so its centre decides it; the others hold the zone's boundary.
 */
export function zoneCells(zone: CompiledZone, side = 256): ZoneCells {
  const [minX, minY, maxX, maxY] = zone.bbox;
  const w = maxX - minX;
  const h = maxY - minY;
  const cols = w > 0 ? side : 1;
  const rows = h > 0 ? side : 1;
  const invCellW = w > 0 ? cols / w : 0;
  const invCellH = h > 0 ? rows / h : 0;
  const cells = new Uint8Array(cols * rows);
  const grid = { size: 0, minX, minY, cols, rows, invCellW, invCellH } as PointGrid;
  markEdgeCells(grid, zone, cells);
  const cw = invCellW > 0 ? 1 / invCellW : 0;
  const ch = invCellH > 0 ? 1 / invCellH : 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      cells[i] = cells[i] === 1 ? 2 : zoneContains(zone, minX + (c + 0.5) * cw, minY + (r + 0.5) * ch) ? 1 : 0;
    }
  }
  return { minX, minY, cols, rows, invCellW, invCellH, cells };
}
