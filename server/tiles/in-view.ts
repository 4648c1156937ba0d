// The legend's in-view counts (GET /api/households/counts): one grouped query over the box — fast for a
// village or a township (the R*Tree finds its houses) — or, for a box holding a great many houses,
// the cells of the filter's grid lying wholly inside it plus the exact count of the thin strips
// around them. Both give the same numbers: a house is counted by the grid or by a strip, never both,
// by the cell SQL puts it in (db/tiles.ts CELL_X_SQL).
import type { Db } from '../db/connection.ts';
import type { BBox, HouseholdFilter } from '../db/household-filter.ts';
import { housesInBox } from '../db/tiles.ts';
import { tallyRows, type CellRange } from '../db/view-counts.ts';
import { TALLY_SIZE, addRow, addTally, toViewCounts, type ViewCounts } from '../domain/view-counts.ts';
import { keptGrid, gridOf } from './grid-cache.ts';
import { innerCells, tallyOfCells } from './grid.ts';

/** A box holding more houses than this is counted from the grid (built if need be): its exact count takes ~0.4 s per 100,000 houses. */
export const GRID_COUNT_FROM = 50_000;

export interface InViewRequest {
  /** The map's filters and scope, with the box in view. */
  filter: HouseholdFilter & { bbox: BBox };
  today: string;
  /** The dashboard's days (UTC ISO instants): also count the houses patrolled in them. */
  patrolledIn?: { from: string; to: string } | undefined;
}

export function countInView(db: Db, { filter, today, patrolledIn }: InViewRequest): ViewCounts {
  const tally = new Int32Array(TALLY_SIZE);
  const add = (rows: ReturnType<typeof tallyRows>) => rows.forEach((r) => addRow(tally, 0, r));
  const grid = patrolledIn ? undefined : (keptGrid(db, filter, today) ?? (housesInBox(db, filter.bbox) > GRID_COUNT_FROM ? gridOf(db, filter, today) : undefined));
  const inner = grid && innerCells(grid.k, filter.bbox);
  if (!grid || !inner) {
    add(tallyRows(db, filter, today, { patrolledIn }));
    return toViewCounts(tally);
  }
  addTally(tally, 0, tallyOfCells(grid, inner), 0);
  for (const strip of strips(grid.k, filter.bbox, inner)) {
    add(tallyRows(db, { ...filter, bbox: strip.bbox }, today, { cells: strip.cells }));
  }
  return toViewCounts(tally);
}

const ANY: [number, number] = [-1, 1e9];

/**
 * The box minus the inner cells, as four strips: west and east full height, south and north between
 * them. Each strip's cells decide which houses it counts; its lon/lat box (a cell wider than its cells,
 * within the whole box) only lets the R*Tree find them.
 */
function strips(k: number, [w, s, e, n]: BBox, inner: { cx: [number, number]; cy: [number, number] }): { bbox: BBox; cells: CellRange }[] {
  const { cx, cy } = inner;
  const lon = (c: number) => c / k - 180;
  const lat = (c: number) => c / k - 90;
  return [
    { bbox: [w, s, Math.min(e, lon(cx[0] + 1)), n], cells: { k, cx: [ANY[0], cx[0] - 1], cy: ANY } },
    { bbox: [Math.max(w, lon(cx[1] - 1)), s, e, n], cells: { k, cx: [cx[1] + 1, ANY[1]], cy: ANY } },
    { bbox: [w, s, e, Math.min(n, lat(cy[0] + 1))], cells: { k, cx, cy: [ANY[0], cy[0] - 1] } },
    { bbox: [w, Math.max(s, lat(cy[1] - 1)), e, n], cells: { k, cx, cy: [cy[1] + 1, ANY[1]] } },
  ];
}
