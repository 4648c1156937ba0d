// The houses of one filter counted on a grid of small lon/lat cells (1/1024 degree, about 100 m): built
// in one grouped pass (db/tiles.ts cellTallyRows), it answers every low-zoom tile and the in-view
// counts of a large box without reading a house again. A cell keeps its tally (domain/view-counts.ts)
// and the centroid of its houses, where its part of an aggregate is placed.
import type { CellTallyRow } from '../db/tiles.ts';
import { TALLY_SIZE, addRow } from '../domain/view-counts.ts';
import { worldX, worldY } from './mercator.ts';

/** Cells per degree of longitude and of latitude. */
export const CELLS_PER_DEGREE = 1024;

export interface CellGrid {
  k: number;
  size: number;
  cx: Int32Array;
  cy: Int32Array;
  /** The centroid of each cell's houses in world units (mercator.ts worldX/worldY). */
  wx: Float64Array;
  wy: Float64Array;
  /** `size` tallies of TALLY_SIZE slots. */
  tallies: Int32Array;
}

/** Folds grouped rows (several per cell: one per grade × state × fragility) into one tally per cell. */
export function buildGrid(rows: Iterable<CellTallyRow>, k = CELLS_PER_DEGREE): CellGrid {
  const index = new Map<number, number>();
  const cx: number[] = [];
  const cy: number[] = [];
  const sumLon: number[] = [];
  const sumLat: number[] = [];
  let tallies = new Int32Array(1024 * TALLY_SIZE);
  for (const r of rows) {
    const key = cellKey(r.cx, r.cy);
    let i = index.get(key);
    if (i === undefined) {
      i = cx.length;
      index.set(key, i);
      cx.push(r.cx);
      cy.push(r.cy);
      sumLon.push(0);
      sumLat.push(0);
      if ((i + 1) * TALLY_SIZE > tallies.length) {
        const grown = new Int32Array(tallies.length * 2);
        grown.set(tallies);
        tallies = grown;
      }
    }
    sumLon[i]! += r.sumLon;
    sumLat[i]! += r.sumLat;
    addRow(tallies, i * TALLY_SIZE, r);
  }
  const size = cx.length;
  const wx = new Float64Array(size);
  const wy = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const n = tallies[i * TALLY_SIZE]!;
    wx[i] = worldX(sumLon[i]! / n);
    wy[i] = worldY(sumLat[i]! / n);
  }
  return { k, size, cx: Int32Array.from(cx), cy: Int32Array.from(cy), wx, wy, tallies: tallies.slice(0, size * TALLY_SIZE) };
}

/** The number a cell is known by (cells are at most 360·k × 180·k). */
export const cellKey = (cx: number, cy: number): number => cx * 200_000 + cy;

/** The cell of a point: the same arithmetic as db/tiles.ts CELL_X_SQL / CELL_Y_SQL (truncation of positive numbers). */
export const cellOf = (k: number, lon: number, lat: number): [number, number] => [Math.trunc((lon + 180) * k), Math.trunc((lat + 90) * k)];

/**
 * The grid with some cells counted afresh: every cell of `dirty` takes its tally from `rows` (the rows
 * of those cells only), or leaves the grid when none is left there; every other cell is kept as it was.
 */
export function patchGrid(old: CellGrid, dirty: ReadonlySet<number>, rows: Iterable<CellTallyRow>): CellGrid {
  const fresh = buildGrid(rows, old.k);
  const keep: number[] = [];
  for (let i = 0; i < old.size; i++) if (!dirty.has(cellKey(old.cx[i]!, old.cy[i]!))) keep.push(i);
  const size = keep.length + fresh.size;
  const out: CellGrid = {
    k: old.k,
    size,
    cx: new Int32Array(size),
    cy: new Int32Array(size),
    wx: new Float64Array(size),
    wy: new Float64Array(size),
    tallies: new Int32Array(size * TALLY_SIZE),
  };
  keep.forEach((from, to) => copyCell(old, from, out, to));
  for (let i = 0; i < fresh.size; i++) copyCell(fresh, i, out, keep.length + i);
  return out;
}

function copyCell(from: CellGrid, i: number, to: CellGrid, j: number): void {
  to.cx[j] = from.cx[i]!;
  to.cy[j] = from.cy[i]!;
  to.wx[j] = from.wx[i]!;
  to.wy[j] = from.wy[i]!;
  to.tallies.set(from.tallies.subarray(i * TALLY_SIZE, (i + 1) * TALLY_SIZE), j * TALLY_SIZE);
}

/** Bytes a grid holds, for the cache's bound. */
export const gridBytes = (g: CellGrid): number => g.size * (4 + 4 + 8 + 8 + 4 * TALLY_SIZE);

/** The cell range whose cells lie wholly inside a lon/lat box, with a cell to spare on every side; null when none does. */
export function innerCells(k: number, [minLon, minLat, maxLon, maxLat]: readonly [number, number, number, number]): { cx: [number, number]; cy: [number, number] } | null {
  // The cell holding an edge is left to the exact count, and one more: a house on a cell's edge may
  // round into its neighbour, so the cells counted from the grid stay a whole cell inside the box.
  const cx0 = Math.floor((minLon + 180) * k) + 2;
  const cx1 = Math.floor((maxLon + 180) * k) - 2;
  const cy0 = Math.floor((minLat + 90) * k) + 2;
  const cy1 = Math.floor((maxLat + 90) * k) - 2;
  return cx0 <= cx1 && cy0 <= cy1 ? { cx: [cx0, cx1], cy: [cy0, cy1] } : null;
}

/** Sums the tallies of the grid's cells within a cell range into one tally. */
export function tallyOfCells(g: CellGrid, range: { cx: [number, number]; cy: [number, number] }): Int32Array {
  const out = new Int32Array(TALLY_SIZE);
  for (let i = 0; i < g.size; i++) {
    const x = g.cx[i]!;
    const y = g.cy[i]!;
    if (x < range.cx[0] || x > range.cx[1] || y < range.cy[0] || y > range.cy[1]) continue;
    for (let s = 0; s < TALLY_SIZE; s++) out[s]! += g.tallies[i * TALLY_SIZE + s]!;
  }
  return out;
}
