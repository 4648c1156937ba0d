// A tile's features before encoding: single houses with what the map's style reads, or aggregates of
// a grid of cells, each counting its houses by grade and mark so that a county-wide view still shows
// where danger is. Properties follow the GeoJSON path's (client/map/layers/households.ts): a house has
// grade, structure, status, key, repairedC, overdue, mustMoveOut and its household id as the feature
// id; an aggregate has point_count and the cluster counts of domain/map-clusters.ts.
import type { TileHouseRow } from '../db/tiles.ts';
import { GRADE_KEYS } from '../domain/housing.ts';
import { CLUSTER_STAGE_GROUPS, GRADE_COUNT_KEYS, stageRank } from '../domain/map-clusters.ts';
import { SLOT, TALLY_SIZE, addTally, stateSlot } from '../domain/view-counts.ts';
import type { CellGrid } from './grid.ts';
import { EXTENT, tilePixel, worldX, worldY, type TileId } from './mercator.ts';

/** A point feature as vt-pbf takes it (geojson-vt's tile format): type 1, one point, tags. */
export interface TileFeature {
  id?: number;
  type: 1;
  geometry: [[number, number]];
  tags: Record<string, string | number | boolean>;
}

/**
 * The houses of the rows that fall in this tile. Flags are written only when set and the ledger state
 * only when a case is open (the style reads a missing one as "monitoring" / false), a third of the bytes.
 */
export function houseFeatures(tile: TileId, rows: readonly TileHouseRow[]): TileFeature[] {
  const out: TileFeature[] = [];
  for (const r of rows) {
    const at = tilePixel(tile, worldX(r.lon), worldY(r.lat));
    if (!at) continue;
    const tags: TileFeature['tags'] = { structure: r.structure };
    if (r.grade) tags.grade = r.grade;
    if (r.status !== 'monitoring') tags.status = r.status;
    if (r.key) tags.key = true;
    if (r.repaired) tags.repairedC = true;
    if (r.overdue) tags.overdue = true;
    if (r.moveOut) tags.mustMoveOut = true;
    out.push({ id: r.id, type: 1, geometry: [at], tags });
  }
  return out;
}

/**
 * Aggregates across a tile at low zoom: 6 × 6, so each one has ~85 screen pixels (512-pixel tiles) for
 * its circle (at most 70 across) and its three lines of count; at 8 × 8 a county of a million drew its
 * busiest aggregates over one another on a phone.
 */
export const CELLS_PER_TILE = 6;

/**
 * One aggregate per tile cell holding houses, placed at their centroid (not the cell's centre, so an
 * aggregate sits on its villages). The grid's small cells go whole to the tile cell of their centroid:
 * every house is counted in exactly one tile of a zoom, so a zoom's aggregates add up to the filter's total.
 */
export function aggregateFeatures(tile: TileId, grid: CellGrid): TileFeature[] {
  const cells = CELLS_PER_TILE * CELLS_PER_TILE;
  const step = EXTENT / CELLS_PER_TILE;
  const tallies = new Int32Array(cells * TALLY_SIZE);
  const px = new Float64Array(cells);
  const py = new Float64Array(cells);
  for (let i = 0; i < grid.size; i++) {
    const at = tilePixel(tile, grid.wx[i]!, grid.wy[i]!);
    if (!at) continue;
    const c = Math.floor(at[1] / step) * CELLS_PER_TILE + Math.floor(at[0] / step);
    const n = grid.tallies[i * TALLY_SIZE + SLOT.total]!;
    addTally(tallies, c * TALLY_SIZE, grid.tallies, i * TALLY_SIZE);
    px[c]! += at[0] * n;
    py[c]! += at[1] * n;
  }
  const out: TileFeature[] = [];
  for (let c = 0; c < cells; c++) {
    const n = tallies[c * TALLY_SIZE + SLOT.total]!;
    if (n === 0) continue;
    out.push({ type: 1, geometry: [[Math.floor(px[c]! / n), Math.floor(py[c]! / n)]], tags: aggregateTags(tallies, c * TALLY_SIZE) });
  }
  return out;
}

/** Every count is written, zeros too: the style compares them (`['>', ['get', 'gD'], 0]`), and a missing one is null there. */
function aggregateTags(t: Int32Array, at: number): TileFeature['tags'] {
  const tags: TileFeature['tags'] = { point_count: t[at + SLOT.total]! };
  let worst = 'none';
  for (const g of GRADE_KEYS) {
    const n = t[at + SLOT[g]]!;
    tags[GRADE_COUNT_KEYS[g]] = n;
    if (g !== 'none' && n > 0) worst = g;
  }
  tags.worst = worst;
  tags.cd = t[at + SLOT.C]! + t[at + SLOT.D]!;
  tags.fragile = t[at + SLOT.fragile]!;
  tags.key = t[at + SLOT.key]!;
  tags.repairedC = t[at + SLOT.repairedC]!;
  tags.overdue = t[at + SLOT.overdue]!;
  tags.mustMoveOut = t[at + SLOT.mustMoveOut]!;
  let stage = 0;
  for (const group of CLUSTER_STAGE_GROUPS) {
    const n = group.states.reduce((sum, s) => sum + t[at + stateSlot(s)]!, 0);
    tags[group.key] = n;
    if (n > 0) stage = Math.max(stage, stageRank(group.key));
  }
  tags.stage = stage;
  return tags;
}
