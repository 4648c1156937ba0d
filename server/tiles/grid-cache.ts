// The grids of the filters asked lately, per thread that reads (a worker thread, or the main thread when
// nothing runs off it): built in one pass over a filter's houses — 1.6–2.7 s for a county of a million on
// this 2-core machine under load, in proportion for fewer — and
// then good for every low-zoom tile and large in-view count of that filter, until the map's data
// version or the day (which decides "overdue") moves.
import type { Db } from '../db/connection.ts';
import type { HouseholdFilter } from '../db/household-filter.ts';
import { cellTallyRows, householdMapVersion } from '../db/tiles.ts';
import { CELLS_PER_DEGREE, buildGrid, gridBytes, type CellGrid } from './grid.ts';

/** Grids kept: a few filters' worth; a county of a million houses has ~100,000 cells (~13 MB). */
const MAX_GRIDS = 8;
const MAX_BYTES = 128 * 1024 * 1024;

const kept = new Map<string, CellGrid>();

/** The key a filter's grid is kept under: the filter as the API built it, without its box. */
export function filterKey(filter: HouseholdFilter): string {
  const { bbox: _bbox, ...rest } = filter;
  return JSON.stringify(rest);
}

const keyOf = (db: Db, filter: HouseholdFilter, today: string) => `${db.name}|${householdMapVersion(db)}|${today}|${filterKey(filter)}`;

/** Marks a kept grid as just used (a Map iterates in insertion order: least recently used first). */
function touch(key: string): CellGrid | undefined {
  const grid = kept.get(key);
  if (grid) {
    kept.delete(key);
    kept.set(key, grid);
  }
  return grid;
}

/** The grid of a filter, if this thread has it for the current data. */
export const keptGrid = (db: Db, filter: HouseholdFilter, today: string): CellGrid | undefined => touch(keyOf(db, filter, today));

/** The grid of a filter (its box ignored), built now if this thread does not have it for the current data. */
export function gridOf(db: Db, filter: HouseholdFilter, today: string): CellGrid {
  // The version is read before the houses: a write in between is in the grid but not in its key, so the
  // next request (with the newer version) builds again — never the other way round.
  const key = keyOf(db, filter, today);
  const found = touch(key);
  if (found) return found;
  const { bbox: _bbox, ...whole } = filter;
  const grid = buildGrid(cellTallyRows(db, whole, today, CELLS_PER_DEGREE));
  kept.set(key, grid);
  let bytes = 0;
  for (const g of kept.values()) bytes += gridBytes(g);
  for (const [k, g] of kept) {
    if (kept.size <= 1 || (kept.size <= MAX_GRIDS && bytes <= MAX_BYTES)) break;
    kept.delete(k);
    bytes -= gridBytes(g);
  }
  return grid;
}
