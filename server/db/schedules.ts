// The houses the two inspection schedules cover, and how far a schedule's batch has got — both within
// the caller's jurisdiction (domain/schedules.ts says which houses and when).
import { LEDGER_STATES } from '../domain/ledger-states.ts';
import { GONE_STATES, QUARTERLY_STRUCTURES } from '../domain/schedules.ts';
import type { Db } from './connection.ts';
import type { HouseholdFilter, RegionRef } from './household-filter.ts';
import { countHouseholds, listHouseSites, type HouseSite } from './households.ts';
import { taskScopeClause } from './patrol-tasks.ts';
import { prepared } from './statements.ts';

export type Schedule = 'quarterly' | 'campaign';

/** Houses still standing: every ledger state but demolished and closed. */
const STANDING = LEDGER_STATES.filter((s) => !GONE_STATES.includes(s));

/**
 * seed 003: key houses (houses.key_house, domain/housing.ts isKeyHouse) of adobe, earth-wood and
 * brick-wood; seed 001: every monitored household's house.
 */
function scheduleFilter(schedule: Schedule, scope: RegionRef): HouseholdFilter {
  return schedule === 'quarterly' ? { scope, key: true, structures: [...QUARTERLY_STRUCTURES], statuses: STANDING } : { scope, statuses: STANDING };
}

export const scheduleSites = (db: Db, schedule: Schedule, scope: RegionRef): HouseSite[] => listHouseSites(db, scheduleFilter(schedule, scope));
export const scheduleSize = (db: Db, schedule: Schedule, scope: RegionRef): number => countHouseholds(db, scheduleFilter(schedule, scope));

export interface BatchStanding {
  batchKey: string;
  /** Whether any task of the batch exists in the caller's jurisdiction. */
  dispatched: boolean;
  tasks: number;
  stops: number;
  /** Stops with a result or a reason for not visiting. */
  done: number;
  open: number;
  overdueTasks: number;
}

/** How far a batch has got in the caller's jurisdiction. */
export function batchStanding(db: Db, batchKey: string, scope: RegionRef, now: Date): BatchStanding {
  const r = prepared(
    db,
    `SELECT count(DISTINCT t.id) AS tasks, count(s.id) AS stops,
            coalesce(sum(s.result IS NOT NULL OR s.not_visited_reason IS NOT NULL), 0) AS done,
            count(DISTINCT CASE WHEN t.status IN ('assigned', 'accepted', 'in_progress') AND t.due_at < @now THEN t.id END) AS overdue
       FROM patrol_tasks t JOIN regions v ON v.code = t.village_code LEFT JOIN patrol_stops s ON s.task_id = t.id
      WHERE t.batch_key = @batchKey AND ${taskScopeClause(scope)}`,
  ).get({ batchKey, scope: scope.code, now: now.toISOString() }) as { tasks: number; stops: number; done: number; overdue: number };
  return { batchKey, dispatched: r.tasks > 0, tasks: r.tasks, stops: r.stops, done: r.done, open: r.stops - r.done, overdueTasks: r.overdue };
}
