// Coverage of an alert's patrol (雨中巡查 / 雨后复查), house by house: each house the dispatch rule selects
// in the zone, with the stop its batch holds for it, if any, and what was found — the coverage export's
// rows. The board counts the same stops of the same houses with db/patrol-coverage.ts (the figures' one
// query); tests/api/exports.test.ts holds the two together.
import type { Grade, Structure } from '../domain/housing.ts';
import type { NotVisitedReason, StopResult } from '../domain/hazards.ts';
import type { TaskStatus } from '../domain/task-states.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export interface CoverageRow {
  householdId: number;
  houseId: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  villageName: string;
  lon: number;
  lat: number;
  grade: Grade | null;
  structure: Structure;
  /** Risk under the alert (domain/risk.ts), as the selection ranked it. */
  risk: number | null;
  /** The task whose stop covers the house; null while it is not dispatched. */
  taskId: number | null;
  taskStatus: TaskStatus | null;
  assignee: string | null;
  result: StopResult | null;
  notVisited: NotVisitedReason | null;
  observedAt: string | null;
}

/**
 * The selected houses (riskiest first, as given) with their stop in the alert's batch. A house is
 * patrolled once per batch (UNIQUE (batch_key, house_id), migration 004), so each house is one row.
 */
export function coverageRows(db: Db, alertId: number, houses: readonly { houseId: number; risk: number | null }[]): CoverageRow[] {
  const rows = prepared(
    db,
    `SELECT h.id AS householdId, o.id AS houseId, h.household_no AS householdNo, h.head_name AS headName,
            h.village_code AS villageCode, v.name AS villageName, o.lon, o.lat, o.grade, o.structure,
            json_extract(p.value, '$[1]') AS risk, s.task_id AS taskId, t.status AS taskStatus,
            u.display_name AS assignee, s.result, s.not_visited_reason AS notVisited, s.observed_at AS observedAt
       FROM json_each(@houses) p
       JOIN houses o ON o.id = json_extract(p.value, '$[0]')
       JOIN households h ON h.id = o.household_id
       JOIN regions v ON v.code = h.village_code
       LEFT JOIN patrol_stops s ON s.batch_key = @batch AND s.house_id = o.id
       LEFT JOIN patrol_tasks t ON t.id = s.task_id
       LEFT JOIN users u ON u.id = t.assignee_id
      ORDER BY p.key`,
  ).all({ batch: `alert:${alertId}`, houses: JSON.stringify(houses.map((h) => [h.houseId, h.risk])) }) as CoverageRow[];
  return rows;
}
