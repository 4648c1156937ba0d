// How far patrols got: stops dispatched and reported, per batch (an alert's is `alert:<id>`). The
// dispatch board's coverage (GET /api/alerts/:id/coverage: among the houses its rule selects) and the
// dashboard's warnings and reports (among the houses of a region) count with the same query.
//
// A stop belongs to the region of its task's village (tasks are cut per village): a township's stops are
// those of its villages' tasks — the scope /api/tasks lists them by, for a county or township.
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

export interface StopResults {
  /** Stops in the batch: houses someone was sent to. */
  dispatched: number;
  /** Stops with a field result (patrolled), by result. Stops reported "not visited" count in neither. */
  byResult: { safe: number; hazard: number; uninhabitable: number };
}

/** The stops of a region's tasks: joins t (task) and v (its village) to the stops s. */
export const STOP_FROM = 'patrol_stops s JOIN patrol_tasks t ON t.id = s.task_id JOIN regions v ON v.code = t.village_code';

/** The stops of `@scope` (a region of any level), over STOP_FROM. */
export function stopScopeClause(scope: RegionRef): string {
  if (scope.level === 'county') return '1 = 1';
  if (scope.level === 'township') return 'v.parent_code = @scope';
  return 't.village_code = @scope';
}

/** The child region a stop of STOP_FROM counts for: township of a county, village of a township. */
export function stopChildColumn(scope: RegionRef): string {
  if (scope.level === 'county') return 'v.parent_code';
  if (scope.level === 'township') return 't.village_code';
  return "''";
}

const noResults = (): StopResults => ({ dispatched: 0, byResult: { safe: 0, hazard: 0, uninhabitable: 0 } });

/**
 * Stops per batch and, within it, per child region (`by`) — among the given houses, or among the houses
 * of a region's tasks. Keyed `batch` (and `batch|child` when grouped by child).
 */
export function stopResults(
  db: Db,
  batchKeys: readonly string[],
  among: { houseIds: readonly number[] } | { scope: RegionRef; byChild?: boolean },
): Map<string, StopResults> {
  const params: Record<string, unknown> = { batches: JSON.stringify(batchKeys) };
  let where: string;
  let child = "''";
  if ('houseIds' in among) {
    params.houses = JSON.stringify(among.houseIds);
    where = 's.house_id IN (SELECT value FROM json_each(@houses))';
  } else {
    params.scope = among.scope.code;
    where = stopScopeClause(among.scope);
    if (among.byChild) child = stopChildColumn(among.scope);
  }
  const rows = prepared(
    db,
    `SELECT s.batch_key AS batch, ${child} AS child, s.result, count(*) AS n FROM ${STOP_FROM}
      WHERE s.batch_key IN (SELECT value FROM json_each(@batches)) AND ${where}
      GROUP BY s.batch_key, ${child}, s.result`,
  ).all(params) as { batch: string; child: string; result: keyof StopResults['byResult'] | null; n: number }[];
  const out = new Map<string, StopResults>();
  for (const r of rows) {
    const key = child === "''" ? r.batch : `${r.batch}|${r.child}`;
    let tally = out.get(key);
    if (!tally) out.set(key, (tally = noResults()));
    tally.dispatched += r.n;
    if (r.result) tally.byResult[r.result] += r.n;
  }
  return out;
}

export const stopResultsOf = (m: Map<string, StopResults>, key: string): StopResults => m.get(key) ?? noResults();

/** Patrolled: stops with a field result. */
export const patrolled = (r: StopResults): number => r.byResult.safe + r.byResult.hazard + r.byResult.uninhabitable;
