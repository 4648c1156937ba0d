// The legend's in-view counts as one aggregate query: the houses of a box under the map's filters,
// grouped by grade × ledger state × fragility with the marks summed, never shipped as features.
import type { TallyRow } from '../domain/view-counts.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type HouseholdFilter } from './household-filter.ts';
import { PATROLLED_SQL } from './households.ts';
import { prepared } from './statements.ts';
import { CELL_X_SQL, CELL_Y_SQL, TALLY_COLUMNS } from './tiles.ts';

/** Grid cells (1/k degree, tiles.ts CELL_X_SQL) from `cx[0]` to `cx[1]` and `cy[0]` to `cy[1]`, both inclusive. */
export interface CellRange {
  k: number;
  cx: [number, number];
  cy: [number, number];
}

/**
 * The grouped counts of the matching houses (the filter's bbox included); `patrolledIn` (UTC ISO
 * instants) also counts those patrolled in it; `cells` keeps only houses of those grid cells (the
 * strips of a box around the cells already counted).
 */
export function tallyRows(
  db: Db,
  filter: HouseholdFilter,
  today: string,
  opts: { patrolledIn?: { from: string; to: string } | undefined; cells?: CellRange } = {},
): TallyRow[] {
  const { from, where, params } = householdFilterSql(filter, { housesOnly: true });
  const { patrolledIn, cells } = opts;
  const inCells = cells ? `${CELL_X_SQL} BETWEEN @cx0 AND @cx1 AND ${CELL_Y_SQL} BETWEEN @cy0 AND @cy1` : null;
  const clause = inCells ? (where ? `${where} AND ${inCells}` : `WHERE ${inCells}`) : where;
  return prepared(
    db,
    `SELECT ${TALLY_COLUMNS}, ${patrolledIn ? `sum(${PATROLLED_SQL})` : '0'} AS patrolled
       FROM ${from} ${clause} GROUP BY o.grade, o.status, fragile`,
  ).all({
    ...params,
    today,
    ...(patrolledIn ? { patrolFrom: patrolledIn.from, patrolTo: patrolledIn.to } : {}),
    ...(cells ? { k: cells.k, cx0: cells.cx[0], cx1: cells.cx[1], cy0: cells.cy[0], cy1: cells.cy[1] } : {}),
  }) as TallyRow[];
}
