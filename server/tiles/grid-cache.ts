// The grids of the filters asked lately, per thread that reads (a worker thread, or the main thread when
// nothing runs off it). A grid is built in one pass over a filter's houses — 1.6–2.7 s for a county of a
// million on this 2-core machine under load, in proportion for fewer — and then good for every low-zoom
// tile and large in-view count of that filter. After writes it is patched, not rebuilt: the map's change
// log (migration 021) says which cells were written to, and only those are counted again (through the
// R*Tree, a cell at a time). A new day (which decides "overdue"), a log that no longer reaches back, or
// more changes than a patch is worth, build it afresh.
import type { Db } from '../db/connection.ts';
import type { HouseholdFilter } from '../db/household-filter.ts';
import { cellTallyRows, cellTallyRowsIn, householdMapVersion, lastMapChange, mapChangesBetween } from '../db/tiles.ts';
import { CELLS_PER_DEGREE, buildGrid, cellKey, cellOf, gridBytes, patchGrid, type CellGrid } from './grid.ts';

/** Grids kept: a few filters' worth; a county of a million houses has ~100,000 cells (~13 MB). */
const MAX_GRIDS = 8;
const MAX_BYTES = 128 * 1024 * 1024;
/** Past this many changes (or cells), counting the whole filter again is cheaper than cell by cell. */
const MAX_PATCH_CHANGES = 20_000;
const MAX_PATCH_CELLS = 2_000;

interface KeptGrid {
  grid: CellGrid;
  /** The map version and the last change of the log the grid counts. */
  version: number;
  change: number;
}

const kept = new Map<string, KeptGrid>();

/** How this thread's grids came to be: built whole or patched (read by tests and the bench). */
export const gridCounters = { built: 0, patched: 0 };

/** The key a filter's grid is kept under: the filter as the API built it, without its box. */
export function filterKey(filter: HouseholdFilter): string {
  const { bbox: _bbox, ...rest } = filter;
  return JSON.stringify(rest);
}

const keyOf = (db: Db, filter: HouseholdFilter, today: string) => `${db.name}|${today}|${filterKey(filter)}`;

/** Marks a kept grid as just used (a Map iterates in insertion order: least recently used first). */
function touch(key: string): KeptGrid | undefined {
  const found = kept.get(key);
  if (found) {
    kept.delete(key);
    kept.set(key, found);
  }
  return found;
}

function keep(key: string, entry: KeptGrid): void {
  kept.set(key, entry);
  let bytes = 0;
  for (const g of kept.values()) bytes += gridBytes(g.grid);
  for (const [k, g] of kept) {
    if (kept.size <= 1 || (kept.size <= MAX_GRIDS && bytes <= MAX_BYTES)) break;
    kept.delete(k);
    bytes -= gridBytes(g.grid);
  }
}

/**
 * The kept grid brought up to the current data: as it is, or with the cells written to since counted
 * again; null when there is none or it would have to be built afresh.
 */
function refreshed(db: Db, key: string, filter: HouseholdFilter, today: string): CellGrid | null {
  // Version and last change are read before the houses: a write in between is counted in the grid and
  // noted after its mark, so the next refresh counts its cells once more — the same tally, never a lost one.
  const version = householdMapVersion(db);
  const found = touch(key);
  if (!found) return null;
  if (found.version === version) return found.grid;
  const change = lastMapChange(db);
  const places = mapChangesBetween(db, found.change, change, MAX_PATCH_CHANGES);
  if (!places) return null;
  const dirty = new Map<number, readonly [number, number]>();
  for (const { lon, lat } of places) {
    const cell = cellOf(found.grid.k, lon, lat);
    dirty.set(cellKey(...cell), cell);
    if (dirty.size > MAX_PATCH_CELLS) return null;
  }
  const { bbox: _bbox, ...whole } = filter;
  if (dirty.size > 0) gridCounters.patched++;
  const grid = dirty.size === 0 ? found.grid : patchGrid(found.grid, new Set(dirty.keys()), cellTallyRowsIn(db, whole, today, found.grid.k, dirty.values()));
  keep(key, { grid, version, change });
  return grid;
}

/** The grid of a filter if this thread has it, brought up to the current data when that is cheap. */
export const keptGrid = (db: Db, filter: HouseholdFilter, today: string): CellGrid | undefined =>
  refreshed(db, keyOf(db, filter, today), filter, today) ?? undefined;

/** The grid of a filter (its box ignored): kept, patched, or built now. */
export function gridOf(db: Db, filter: HouseholdFilter, today: string): CellGrid {
  const key = keyOf(db, filter, today);
  const found = refreshed(db, key, filter, today);
  if (found) return found;
  const version = householdMapVersion(db);
  const change = lastMapChange(db);
  const { bbox: _bbox, ...whole } = filter;
  const grid = buildGrid(cellTallyRows(db, whole, today, CELLS_PER_DEGREE));
  gridCounters.built++;
  keep(key, { grid, version, change });
  return grid;
}
